import type { Profile } from '../../../shared/backendApi';
import type { User } from '../../../shared/ipc/contract';
import { DISPLAY_NAME_LABEL } from '../../../shared/messages';
import { identityLabel } from '../state/providerLabel';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/**
 * Whether the account is the pool's own user, with a password and a sign-in name (its Cognito
 * username): signed in with the password, or through a provider linked to it (issue 25).
 */
function hasPassword(user: User): boolean {
  return user.provider === 'cognito' || (user.linkedProviders?.length ?? 0) > 0;
}

/** The signed-in user's profile, read-only (test id `profile`). */
export function ProfileView({ user, profile }: { user: User; profile: Profile }) {
  // The profile's sign-in methods, and the providers linked to this very account (one Cognito user).
  const methods = [...new Set([...profile.identities.map(identityLabel), ...(user.linkedProviders ?? [])])];
  return (
    <dl className="details" data-testid="profile">
      <dt>{DISPLAY_NAME_LABEL}</dt>
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
      {hasPassword(user) && (
        <>
          <dt>Sign-in name</dt>
          <dd data-testid="profile-sign-in-name">
            {user.username} <span className="muted">(or your email)</span>
          </dd>
        </>
      )}
      <dt>Sign-in methods</dt>
      <dd data-testid="profile-methods">
        {methods.map((m) => (
          <span key={m} className="badge">
            {m}
          </span>
        ))}
      </dd>
      <dt>Member since</dt>
      <dd>{formatDate(profile.createdAt)}</dd>
    </dl>
  );
}
