import type { AuthState, User } from '../../../shared/ipc/contract';
import { call } from '../api';
import { Banner } from '../components/Banner';
import { FooterLink } from '../components/FooterLink';
import { FormError, SubmitButton } from '../components/FormParts';
import { AuthCard } from '../components/Layout';
import { ProfileFields, type ProfileValues, validateProfile } from '../components/ProfileFields';
import { suggestUsername, usernameError } from '../state/profileRules';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';
import { useSignOut } from '../state/useSignOut';

interface OnboardingProps {
  user: User;
  apply: (state: AuthState) => void;
}

/** First sign-in: a few questions, saved to the backend as the user's profile. */
export function Onboarding({ user, apply }: OnboardingProps) {
  const federated = user.provider !== 'cognito';
  const signOut = useSignOut(apply);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const form = useForm<ProfileValues>({
    // Password users chose a username at sign-up; federated users get one made from their e-mail to keep or change.
    initial: {
      username: suggestUsername(federated ? (user.email.split('@')[0] ?? '') : user.username),
      role: '',
      interests: [],
      newsletter: false,
    },
    validate: (values) => validateProfile(values, usernameError),
  });

  const onSubmit = form.submit(async ({ username, role, interests, newsletter }) => {
    apply(
      await call('profile.save', {
        username: username.trim(),
        onboarding: { role: role.trim(), interests, newsletter },
      }),
    );
  });

  const name = user.givenName ? `, ${user.givenName}` : '';
  return (
    <AuthCard
      testId="screen-onboarding"
      wide
      title={`Welcome to Gatehouse${name}`}
      headingRef={headingRef}
      subtitle={
        <>
          A few questions to set up your profile for <strong>{user.email}</strong>. You can change the answers
          later.
        </>
      }
      footer={
        <FooterLink prompt="Not you?" onClick={() => signOut.run()} disabled={signOut.busy}>
          Sign out
        </FooterLink>
      }
    >
      {signOut.error && <Banner tone="error">{signOut.error.message}</Banner>}
      <FormError form={form} />
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <ProfileFields form={form} />
        <SubmitButton pending={form.pending} busyLabel="Saving your profile…" block>
          Save and continue
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
