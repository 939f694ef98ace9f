import { DISPLAY_NAME_LABEL } from '../../../shared/messages';
import { MAX_INTEREST_LENGTH, MAX_INTERESTS, USERNAME_HINT } from '../state/profileRules';
import type { Form } from '../state/useForm';
import { Checkbox } from './Checkbox';
import { Chips } from './Chips';
import { Select } from './Select';
import { UsernameField } from './UsernameField';

/** What the onboarding and the profile editor ask. */
export interface ProfileValues {
  username: string;
  role: string;
  interests: string[];
  newsletter: boolean;
}

/** Roles offered in the list (any other value already on a profile is kept and shown too). */
export const ROLES = [
  'Software developer',
  'Designer',
  'Product manager',
  'Tester / QA',
  'Data scientist',
  'Student',
  'Something else',
] as const;

/** Interests offered as one-click chips. */
export const INTEREST_SUGGESTIONS = [
  'Security',
  'Identity',
  'Desktop apps',
  'Open source',
  'Cloud',
  'Design',
  'Testing',
  'Accessibility',
] as const;

/** The profile questions, shared by onboarding and editing. */
export function ProfileFields({ form }: { form: Form<ProfileValues> }) {
  const username = form.field('username');
  return (
    <>
      <UsernameField
        label={DISPLAY_NAME_LABEL}
        hint={`Shown to others, not used to sign in. ${USERNAME_HINT}`}
        {...username}
        // Profile usernames are lower-case: capitals are lowered as typed rather than refused.
        onValueChange={(value) => username.onValueChange(value.toLowerCase())}
      />
      <Select label="Your role" placeholder="Choose one…" options={ROLES} {...form.field('role')} />
      <Chips
        label="Interests"
        {...form.field('interests')}
        suggestions={INTEREST_SUGGESTIONS}
        max={MAX_INTERESTS}
        maxLength={MAX_INTEREST_LENGTH}
      />
      <Checkbox
        label="Send me the newsletter"
        hint="About once a month. You can turn it off any time."
        checked={form.values.newsletter}
        onCheckedChange={(v) => form.set('newsletter', v)}
      />
    </>
  );
}

/** Checks the profile answers before they are sent, with the shared username rule. */
export function validateProfile(values: ProfileValues, usernameError: (u: string) => string | undefined) {
  const errors: Partial<Record<keyof ProfileValues, string>> = {};
  const username = usernameError(values.username.trim());
  if (username) errors.username = values.username.trim() ? username : 'Choose a display name.';
  if (!values.role.trim()) errors.role = 'Choose the role that fits you best.';
  return errors;
}
