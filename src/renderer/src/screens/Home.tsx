import { type ReactNode, useState } from 'react';
import type { Profile, ProfilePatch } from '../../../shared/backendApi';
import type { AuthState, User } from '../../../shared/ipc/contract';
import { type ApiError, call, toApiError } from '../api';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { ChangePassword } from '../components/ChangePassword';
import { FormError, SaveCancelRow } from '../components/FormParts';
import { Brand } from '../components/Layout';
import { ProfileFields, type ProfileValues, validateProfile } from '../components/ProfileFields';
import { usernameError } from '../state/profileRules';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';

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
  const [leaving, setLeaving] = useState<'one' | 'everywhere' | null>(null);
  const [leaveError, setLeaveError] = useState<ApiError | null>(null);
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  const signOut = async (everywhere: boolean) => {
    setLeaving(everywhere ? 'everywhere' : 'one');
    setLeaveError(null);
    try {
      apply(await call(everywhere ? 'auth.signOutEverywhere' : 'auth.signOut', {}));
    } catch (error) {
      setLeaveError(toApiError(error));
      setLeaving(null);
    }
  };

  return (
    <div className="app-page" data-testid="screen-home">
      <header className="topbar">
        <Brand />
        <div className="topbar-user">
          <span className="topbar-email">{user.email}</span>
          <Button
            variant="ghost"
            onClick={() => signOut(false)}
            busy={leaving === 'one'}
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
            Signed in {user.provider === 'google' ? 'with Google' : 'with your password'} as {user.email}.
          </p>
        </div>
        {leaveError && (
          <Banner tone="error" testId="sign-out-error">
            {leaveError.message}
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
        </section>

        <section className="panel" aria-labelledby="security-heading">
          <div className="panel-header">
            <h2 id="security-heading">Sign-in and security</h2>
          </div>
          {user.provider === 'cognito' ? (
            <ChangePassword />
          ) : (
            <p className="muted">You sign in with Google, so your password is managed by Google.</p>
          )}
          <div className={confirmEverywhere ? 'panel-row panel-row-stacked' : 'panel-row'}>
            <div>
              <h3>Sign out everywhere</h3>
              <p className="muted">
                Ends your Gatehouse sessions on every computer, including this one. Use it if you signed in
                somewhere you no longer trust.
              </p>
            </div>
            {confirmEverywhere ? (
              <div className="button-row">
                <Button
                  variant="danger-solid"
                  onClick={() => signOut(true)}
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
        </section>
      </main>
    </div>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

function ProfileView({ user, profile }: { user: User; profile: Profile }) {
  const methods = [...new Set(profile.identities.map((i) => i.provider))];
  return (
    <dl className="details" data-testid="profile">
      <dt>Username</dt>
      <dd data-testid="profile-username">{profile.username}</dd>
      <dt>Email</dt>
      <dd data-testid="profile-email">
        {profile.email}
        {user.emailVerified && <span className="badge badge-success">Verified</span>}
      </dd>
      <dt>Role</dt>
      <dd data-testid="profile-role">{profile.onboarding.role}</dd>
      <dt>Interests</dt>
      <dd data-testid="profile-interests">
        {profile.onboarding.interests.length > 0 ? (
          <ul className="chip-list chip-list-static">
            {profile.onboarding.interests.map((interest) => (
              <li key={interest} className="chip">
                {interest}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">None yet</span>
        )}
      </dd>
      <dt>Newsletter</dt>
      <dd data-testid="profile-newsletter">
        {profile.onboarding.newsletter ? 'Subscribed' : 'Not subscribed'}
      </dd>
      <dt>Sign-in methods</dt>
      <dd data-testid="profile-methods">
        {methods.map((m) => (
          <span key={m} className="badge">
            {m === 'google' ? 'Google' : 'Password'}
          </span>
        ))}
      </dd>
      <dt>Member since</dt>
      <dd>{formatDate(profile.createdAt)}</dd>
    </dl>
  );
}

function patchOf(profile: Profile, values: ProfileValues): ProfilePatch {
  const patch: ProfilePatch = {};
  const username = values.username.trim();
  if (username !== profile.username) patch.username = username;
  const onboarding: NonNullable<ProfilePatch['onboarding']> = {};
  const role = values.role.trim();
  if (role !== profile.onboarding.role) onboarding.role = role;
  if (values.interests.join('\n') !== profile.onboarding.interests.join('\n'))
    onboarding.interests = values.interests;
  if (values.newsletter !== profile.onboarding.newsletter) onboarding.newsletter = values.newsletter;
  if (Object.keys(onboarding).length > 0) patch.onboarding = onboarding;
  return patch;
}

function ProfileEditor({
  profile,
  apply,
  onDone,
}: {
  profile: Profile;
  apply: (state: AuthState) => void;
  onDone: (saved: boolean) => void;
}) {
  const form = useForm<ProfileValues>({
    initial: {
      username: profile.username,
      ...profile.onboarding,
      interests: [...profile.onboarding.interests],
    },
    validate: (values) => validateProfile(values, usernameError),
  });
  const onSubmit = form.submit(async (values) => {
    const patch = patchOf(profile, values);
    if (Object.keys(patch).length > 0) apply(await call('profile.update', patch));
    onDone(true);
  });
  return (
    <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate aria-label="Edit profile">
      <FormError form={form} />
      <ProfileFields form={form} />
      <SaveCancelRow pending={form.pending} busyLabel="Saving…" onCancel={() => onDone(false)}>
        Save changes
      </SaveCancelRow>
    </form>
  );
}
