import { useRef } from 'react';
import type { AuthState } from '../../../shared/ipc/contract';
import { signUpRequestSchema } from '../../../shared/ipc/contract';
import { call } from '../api';
import { EmailInUseChoice, isEmailInUse } from '../components/EmailInUseChoice';
import { Field } from '../components/Field';
import { FooterLink } from '../components/FooterLink';
import { FormError, SubmitButton } from '../components/FormParts';
import { AuthCard } from '../components/Layout';
import { NewPasswordField } from '../components/NewPasswordField';
import { UsernameField } from '../components/UsernameField';
import { USERNAME_HINT, usernameError } from '../state/profileRules';
import type { Navigate } from '../state/routes';
import { useFocusOnMount } from '../state/useFocusOnMount';
import { useForm } from '../state/useForm';
import { schemaErrors } from '../state/validation';

interface SignUpProps {
  apply: (state: AuthState) => void;
  navigate: Navigate;
}

type SignUpValues = { username: string; email: string; givenName: string; phone: string; password: string };

function toRequest(values: SignUpValues) {
  const phone = values.phone.trim();
  return {
    username: values.username.trim(),
    email: values.email.trim(),
    givenName: values.givenName.trim(),
    password: values.password,
    ...(phone ? { phone } : {}),
  };
}

/** Create an account: username, email, first name, optional phone, and a password checked live. */
export function SignUp({ apply, navigate }: SignUpProps) {
  const form = useForm<SignUpValues>({
    initial: { username: '', email: '', givenName: '', phone: '', password: '' },
    validate: (values) => {
      const errors = schemaErrors<SignUpValues>(signUpRequestSchema, toRequest(values));
      // The profile's username rule too, since the username carries over to the profile.
      const username =
        errors.username ?? (values.username.trim() ? usernameError(values.username.trim()) : undefined);
      return username ? { ...errors, username } : errors;
    },
  });
  const firstRef = useFocusOnMount<HTMLInputElement>();
  const emailRef = useRef<HTMLInputElement | null>(null);
  const inUse = form.banner !== null && isEmailInUse(form.banner.code) ? form.banner.code : undefined;
  const retypeEmail = () => {
    form.clearBanner();
    emailRef.current?.focus();
    emailRef.current?.select();
  };

  const onSubmit = form.submit(async (values) => {
    const request = toRequest(values);
    const { confirmed } = await call('auth.signUp', request);
    if (confirmed) {
      apply(await call('auth.signIn', { login: request.username, password: request.password }));
      return;
    }
    navigate({
      name: 'confirm',
      username: request.username,
      // The address just typed, whole, so a typo can be spotted (Cognito's answer masks it).
      destination: request.email,
      password: request.password,
      justSent: true,
    });
  });

  return (
    <AuthCard
      testId="screen-sign-up"
      title="Create your account"
      subtitle="It takes a minute. We will email you a code to confirm it is you."
      footer={
        <FooterLink prompt="Already have an account?" onClick={() => navigate({ name: 'sign-in' })}>
          Sign in
        </FooterLink>
      }
    >
      <FormError
        form={form}
        actions={
          inUse && (
            <EmailInUseChoice
              code={inUse}
              email={form.values.email.trim()}
              navigate={navigate}
              retypeEmail={retypeEmail}
            />
          )
        }
      />
      <form className="form" ref={form.formRef} onSubmit={onSubmit} noValidate>
        <Field
          label="First name"
          autoComplete="given-name"
          {...form.field('givenName')}
          inputRef={firstRef}
        />
        <UsernameField label="Username" hint={USERNAME_HINT} {...form.field('username')} />
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          {...form.field('email')}
          inputRef={emailRef}
        />
        <Field
          label="Phone"
          type="tel"
          autoComplete="tel"
          optional
          hint="With country code, e.g. +1 415 555 0100. Once verified, you can sign in with it."
          {...form.field('phone')}
        />
        <NewPasswordField label="Password" {...form.field('password')} />
        <SubmitButton pending={form.pending} busyLabel="Creating your account…" block>
          Create account
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
