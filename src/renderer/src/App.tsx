import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { AuthState, Notice } from '../../shared/ipc/contract';
import { AppInfo } from './components/AppInfo';
import { KeychainBanner } from './components/KeychainBanner';
import { CodeStep } from './screens/CodeStep';
import { Confirm } from './screens/Confirm';
import { EmailConfirmation } from './screens/EmailConfirmation';
import { EmailMfaStep } from './screens/EmailMfaStep';
import { FederatedWaiting } from './screens/FederatedWaiting';
import { ForgotPassword } from './screens/ForgotPassword';
import { Home } from './screens/Home';
import { LoadError } from './screens/LoadError';
import { NewPassword } from './screens/NewPassword';
import { Offline } from './screens/Offline';
import { Onboarding } from './screens/Onboarding';
import { SignIn } from './screens/SignIn';
import { SignUp } from './screens/SignUp';
import { Splash } from './screens/Splash';
import { TotpStep } from './screens/TotpStep';
import { followAuthState, noticeKey, screenFor, signedOutNotice } from './state/authRouting';
import type { Route } from './state/routes';
import { useAuthState } from './state/useAuthState';

const SIGN_IN: Route = { name: 'sign-in' };

/** The app shell: picks the screen from main's auth state, plus local navigation while signed out. */
export function App() {
  const { state, loadError, apply } = useAuthState();
  const [route, setRoute] = useState<Route>(SIGN_IN);
  const [dismissedNotice, setDismissedNotice] = useState('');
  const [dismissedKeychain, setDismissedKeychain] = useState<string | null>(null);
  const previous = useRef<AuthState | null>(null);
  /** The notice of the last signed-out state, so a failed sign-in that re-sends it is not news. */
  const lastNotice = useRef('');

  // Main moves the session on its own (deep link, refresh failure, another window): follow it.
  useEffect(() => {
    const before = previous.current;
    previous.current = state;
    if (!state) return;
    const follow = followAuthState(before, state, lastNotice.current);
    lastNotice.current = follow.lastNotice;
    if (follow.newNotice) setDismissedNotice('');
    if (follow.toSignIn) {
      const notice = signedOutNotice(before, state);
      setRoute(notice ? { name: 'sign-in', notice } : SIGN_IN);
    }
  }, [state]);

  const keychain = state?.keychainWarning;
  const keychainBanner =
    keychain && keychain !== dismissedKeychain ? (
      <KeychainBanner reason={keychain} apply={apply} onDismiss={() => setDismissedKeychain(keychain)} />
    ) : null;
  const chosen = screenFor(state, loadError);
  const homeShown = chosen.name === 'home';

  let screen: ReactNode;
  switch (chosen.name) {
    case 'load-error':
      screen = <LoadError message={chosen.message} />;
      break;
    case 'splash':
      screen = <Splash message={chosen.message} />;
      break;
    case 'federated-waiting':
      screen = (
        <FederatedWaiting
          apply={apply}
          navigate={setRoute}
          provider={chosen.provider}
          linking={chosen.linking}
          signInUrl={route.name === 'federated' && !chosen.linking ? route.signInUrl : undefined}
        />
      );
      break;
    case 'new-password':
      screen = <NewPassword apply={apply} />;
      break;
    case 'totp':
      screen = (
        <TotpStep
          canUseEmail={chosen.canUseEmail}
          offerRememberDevice={chosen.offerRememberDevice}
          apply={apply}
        />
      );
      break;
    case 'email-mfa':
      screen = (
        <EmailMfaStep
          delivery={chosen.delivery}
          canUseAuthenticator={chosen.canUseAuthenticator}
          apply={apply}
        />
      );
      break;
    case 'code':
      screen = <CodeStep login={chosen.login} delivery={chosen.delivery} apply={apply} />;
      break;
    case 'confirm-email':
      screen = <EmailConfirmation user={chosen.user} destination={chosen.destination} apply={apply} />;
      break;
    case 'onboarding':
      screen = <Onboarding user={chosen.user} apply={apply} />;
      break;
    case 'home':
      screen = <Home user={chosen.user} profile={chosen.profile} apply={apply} banners={keychainBanner} />;
      break;
    case 'offline':
      screen = <Offline user={chosen.user} retryInSeconds={chosen.retryInSeconds} apply={apply} />;
      break;
    case 'signed-out': {
      const notice = noticeKey(chosen.notice) !== dismissedNotice ? chosen.notice : undefined;
      screen = (
        <SignedOutScreen
          route={route}
          setRoute={setRoute}
          apply={apply}
          notice={notice}
          dismiss={() => setDismissedNotice(noticeKey(notice))}
        />
      );
    }
  }

  return (
    <div className="app">
      {keychainBanner && !homeShown && <div className="global-banners">{keychainBanner}</div>}
      <div className="app-main">{screen}</div>
      <AppInfo />
    </div>
  );
}

interface SignedOutProps {
  route: Route;
  setRoute: (route: Route) => void;
  apply: (state: AuthState) => void;
  notice: Notice | undefined;
  dismiss: () => void;
}

function SignedOutScreen({ route, setRoute, apply, notice, dismiss }: SignedOutProps) {
  switch (route.name) {
    case 'sign-up':
      return <SignUp apply={apply} navigate={setRoute} />;
    case 'confirm':
      return (
        <Confirm
          // A changed address is a new sign-up: a fresh screen (empty code, new cooldown).
          key={route.destination ?? ''}
          apply={apply}
          navigate={setRoute}
          username={route.username}
          destination={route.destination}
          password={route.password}
          justSent={route.justSent}
        />
      );
    case 'forgot':
      return <ForgotPassword navigate={setRoute} login={route.login} />;
    case 'federated':
      return (
        <FederatedWaiting
          apply={apply}
          navigate={setRoute}
          provider={route.provider}
          signInUrl={route.signInUrl}
        />
      );
    default:
      return (
        <SignIn
          key={`${route.login ?? ''}|${route.notice ?? ''}`}
          apply={apply}
          navigate={setRoute}
          login={route.login}
          notice={route.notice}
          stateNotice={notice}
          onDismissStateNotice={dismiss}
        />
      );
  }
}
