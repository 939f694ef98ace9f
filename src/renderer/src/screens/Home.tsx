import { type ReactNode, useEffect, useReducer, useRef, useState } from 'react';
import type { Profile } from '../../../shared/backendApi';
import type { AuthState, User } from '../../../shared/ipc/contract';
import { call } from '../api';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { ChangeEmail } from '../components/ChangeEmail';
import { ChangeName } from '../components/ChangeName';
import { ChangePassword } from '../components/ChangePassword';
import { DeleteAccount } from '../components/DeleteAccount';
import { EmailSecondStep } from '../components/EmailSecondStep';
import { Brand } from '../components/Layout';
import { Passkeys } from '../components/Passkeys';
import { PhoneNumber } from '../components/PhoneNumber';
import { ProfileEditor } from '../components/ProfileEditor';
import { ProfileView } from '../components/ProfileView';
import { SignedInDevices } from '../components/SignedInDevices';
import { TwoStepVerification } from '../components/TwoStepVerification';
import { providerLabel } from '../state/providerLabel';
import { useAction } from '../state/useAction';
import { useFocusOnMount } from '../state/useFocusOnMount';

interface HomeProps {
  user: User;
  profile: Profile;
  apply: (state: AuthState) => void;
  /** App-wide banners (keychain), shown at the top of the page under the bar. */
  banners?: ReactNode;
}

/** The signed-in home: the profile, editing it, password and sign-out. */
export function Home({ user, profile, apply, banners }: HomeProps) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  // Each two-step row reads the methods again when the other one changed them.
  const [totpVersion, bumpTotp] = useReducer((n: number) => n + 1, 0);
  const [emailVersion, bumpEmail] = useReducer((n: number) => n + 1, 0);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const confirmRef = useRef<HTMLDivElement>(null);
  // The question just opened: focus its safe answer, so a stray Enter cannot end every session.
  useEffect(() => {
    if (confirmEverywhere) confirmRef.current?.querySelector<HTMLElement>('[data-safe-answer]')?.focus();
  }, [confirmEverywhere]);

  const signOut = useAction(async (where: 'here' | 'everywhere') => {
    apply(await call(where === 'everywhere' ? 'auth.signOutEverywhere' : 'auth.signOut', {}));
  });
  // Which button is busy; both sign-out buttons wait while either runs.
  const leaving = signOut.running?.[0] ?? null;

  return (
    <div className="app-page" data-testid="screen-home">
      <header className="topbar">
        <Brand />
        <div className="topbar-user">
          <span className="topbar-email">{user.email}</span>
          <Button
            variant="ghost"
            onClick={() => signOut.run('here')}
            busy={leaving === 'here'}
            busyLabel="Signing out…"
            disabled={leaving !== null}
          >
            Sign out
          </Button>
        </div>
      </header>
      <main className="page">
        {banners}
        <div className="page-header">
          <h1 className="page-title" ref={headingRef} tabIndex={-1}>
            Hello, {user.givenName ?? profile.username}
          </h1>
          <p className="muted">
            {/* Not "with your password": the sign-in may have taken a code too, which this screen does not know. */}
            Signed in {user.provider === 'cognito' ? '' : `with ${providerLabel(user)} `}as {user.email}.
            {user.provider !== 'cognito' &&
              ` Signing out opens your browser for a moment, to end your ${providerLabel(user)} sign-in there too.`}
          </p>
        </div>
        {signOut.error && (
          <Banner tone="error" testId="sign-out-error">
            {signOut.error.message}
          </Banner>
        )}

        <section className="panel" aria-labelledby="profile-heading">
          <div className="panel-header">
            <h2 id="profile-heading">Profile</h2>
            {!editing && (
              <Button
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                Edit profile
              </Button>
            )}
          </div>
          {saved && !editing && <Banner tone="success">Your profile is saved.</Banner>}
          {editing ? (
            <ProfileEditor
              profile={profile}
              apply={apply}
              onDone={(didSave) => {
                setEditing(false);
                setSaved(didSave);
              }}
            />
          ) : (
            <ProfileView user={user} profile={profile} />
          )}
          {!editing && <ChangeName user={user} apply={apply} />}
        </section>

        <section className="panel" aria-labelledby="security-heading">
          <div className="panel-header">
            <h2 id="security-heading">Sign-in and security</h2>
          </div>
          <ChangeEmail user={user} apply={apply} />
          <PhoneNumber user={user} apply={apply} />
          {user.provider === 'cognito' ? (
            <ChangePassword />
          ) : (
            <p className="muted">
              You sign in with {providerLabel(user)}, so your password is managed by {providerLabel(user)}.
            </p>
          )}
          <TwoStepVerification
            key={`totp-${totpVersion}`}
            provider={user.provider === 'cognito' ? undefined : providerLabel(user)}
            authenticatorName={profile.authenticatorName}
            onChange={bumpEmail}
          />
          {user.provider === 'cognito' && <EmailSecondStep version={emailVersion} onChange={bumpTotp} />}
          {user.provider === 'cognito' && <SignedInDevices />}
          {user.provider === 'cognito' && <Passkeys />}
          <div className={confirmEverywhere ? 'panel-row panel-row-stacked' : 'panel-row'}>
            <div>
              <h3>Sign out everywhere</h3>
              <p className="muted">
                Ends your Gatehouse sessions on every computer, including this one. Use it if you signed in
                somewhere you no longer trust.
              </p>
            </div>
            {confirmEverywhere ? (
              <div className="button-row" ref={confirmRef}>
                <Button
                  variant="danger-solid"
                  onClick={() => signOut.run('everywhere')}
                  busy={leaving === 'everywhere'}
                  busyLabel="Signing out…"
                  disabled={leaving !== null}
                >
                  Yes, sign out everywhere
                </Button>
                <Button
                  variant="ghost"
                  onClick={() => setConfirmEverywhere(false)}
                  disabled={leaving !== null}
                  data-safe-answer
                >
                  Keep me signed in
                </Button>
              </div>
            ) : (
              <Button variant="danger" onClick={() => setConfirmEverywhere(true)} disabled={leaving !== null}>
                Sign out everywhere
              </Button>
            )}
          </div>
          <DeleteAccount user={user} apply={apply} />
        </section>
      </main>
    </div>
  );
}
