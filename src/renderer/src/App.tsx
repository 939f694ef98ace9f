import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { AuthState } from '../../shared/ipc/contract';
import { AppInfo } from './components/AppInfo';
import { KeychainBanner } from './components/KeychainBanner';
import { Confirm } from './screens/Confirm';
import { ForgotPassword } from './screens/ForgotPassword';
import { GoogleWaiting } from './screens/GoogleWaiting';
import { Home } from './screens/Home';
import { LoadError } from './screens/LoadError';
import { NewPassword } from './screens/NewPassword';
import { Offline } from './screens/Offline';
import { Onboarding } from './screens/Onboarding';
import { SignIn } from './screens/SignIn';
import { SignUp } from './screens/SignUp';
import { Splash } from './screens/Splash';
import type { Route } from './state/routes';
import { useAuthState } from './state/useAuthState';

const SIGN_IN: Route = { name: 'sign-in' };

function noticeKey(notice: { code: string; message: string } | undefined): string {
  return notice ? `${notice.code}|${notice.message}` : '';
}

/** True while nobody is signed in and the local signed-out screens are in charge. */
function signedOut(state: AuthState): boolean {
  return state.status === 'signed-out' || (state.status === 'signing-in' && state.method === 'password');
}

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
    if (!signedOut(state)) {
      lastNotice.current = '';
      // Leaving the signed-out screens: the next sign-out starts from the sign-in screen.
      if (state.status !== 'signing-in') setRoute(SIGN_IN);
      return;
    }
    if (state.status !== 'signed-out') return;
    const notice = noticeKey(state.notice);
    const newNotice = notice !== '' && notice !== lastNotice.current;
    lastNotice.current = notice;
    if (newNotice) setDismissedNotice('');
    // Told why (Google cancelled, session ended) or signed out by main: start again from sign-in.
    // A failed password sign-in (signing-in → signed-out) keeps the screen and what was typed.
    if (newNotice || (before && !signedOut(before))) setRoute(SIGN_IN);
  }, [state]);

  const keychain = state?.keychainWarning;
  const keychainBanner =
    keychain && keychain !== dismissedKeychain ? (
      <KeychainBanner reason={keychain} apply={apply} onDismiss={() => setDismissedKeychain(keychain)} />
    ) : null;
  const homeShown = state?.status === 'signed-in' && !loadError;

  let screen: ReactNode;
  if (loadError) screen = <LoadError message={loadError} />;
  else if (!state) screen = <Splash message="Starting Gatehouse…" />;
  else if (state.status === 'signing-in' && state.method === 'restore')
    screen = <Splash message="Signing you in…" />;
  else if (state.status === 'signing-in' && state.method === 'google')
    screen = (
      <GoogleWaiting
        apply={apply}
        navigate={setRoute}
        signInUrl={route.name === 'google' ? route.signInUrl : undefined}
      />
    );
  else if (state.status === 'new-password-required') screen = <NewPassword apply={apply} />;
  else if (state.status === 'needs-onboarding') screen = <Onboarding user={state.user} apply={apply} />;
  else if (state.status === 'signed-in')
    screen = <Home user={state.user} profile={state.profile} apply={apply} banners={keychainBanner} />;
  else if (state.status === 'offline') screen = <Offline user={state.user} apply={apply} />;
  else {
    // The keychain banner already explains a keychain notice; other notices say why main signed out.
    const shown = state.status === 'signed-out' && state.notice?.code !== 'keychain_unavailable';
    const notice = shown && noticeKey(state.notice) !== dismissedNotice ? state.notice : undefined;
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
  notice: { code: string; message: string } | undefined;
  dismiss: () => void;
}

function SignedOutScreen({ route, setRoute, apply, notice, dismiss }: SignedOutProps) {
  switch (route.name) {
    case 'sign-up':
      return <SignUp apply={apply} navigate={setRoute} />;
    case 'confirm':
      return (
        <Confirm
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
    case 'google':
      return <GoogleWaiting apply={apply} navigate={setRoute} signInUrl={route.signInUrl} />;
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
