import type { ErrorCode } from '../../../shared/errors';
import type { Navigate } from '../state/routes';
import { Button } from './Button';

/** The sign-up errors that mean "an account already has this e-mail address". */
export function isEmailInUse(code: ErrorCode | undefined): code is 'email_taken' | 'email_taken_federated' {
  return code === 'email_taken' || code === 'email_taken_federated';
}

interface EmailInUseChoiceProps {
  code: 'email_taken' | 'email_taken_federated';
  /** The address that is in use: the sign-in and reset screens start with it. */
  email: string;
  navigate: Navigate;
  /** Back to the form with the e-mail field ready for another address. */
  retypeEmail: () => void;
}

/**
 * The choice a sign-up for an e-mail in use ends with: sign in to that account, reset its password
 * (only when it has one), or use another e-mail address. Nothing was created in Cognito.
 */
export function EmailInUseChoice({ code, email, navigate, retypeEmail }: EmailInUseChoiceProps) {
  return (
    <>
      <Button variant="primary" onClick={() => navigate({ name: 'sign-in', login: email })}>
        Sign in
      </Button>
      {code === 'email_taken' && (
        <Button onClick={() => navigate({ name: 'forgot', login: email })}>Reset the password</Button>
      )}
      <Button variant="ghost" onClick={retypeEmail}>
        Use another email
      </Button>
    </>
  );
}
