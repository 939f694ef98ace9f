import type { Profile, ProfilePatch } from '../../../shared/backendApi';
import type { AuthState } from '../../../shared/ipc/contract';
import { call } from '../api';
import { usernameError } from '../state/profileRules';
import { useForm } from '../state/useForm';
import { FormError, SaveCancelRow } from './FormParts';
import { ProfileFields, type ProfileValues, validateProfile } from './ProfileFields';

/** Only what changed, so saving an untouched profile sends nothing. */
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

/** Edits the profile in place on the home screen; `onDone(true)` once it is saved. */
export function ProfileEditor({
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
