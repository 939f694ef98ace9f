import { describe, expect, it } from 'vitest';
import { emailInUseError } from '../../../../../src/main/core/accounts/emailInUse';
import { emailInUseMessage } from '../../../../../src/shared/emailInUse';

/** What Cognito answers when the pre-sign-up trigger throws (UserLambdaValidationException, "PreSignUp failed with error …"). */
const refused = (ways: string[]) => ({
  code: 'UserLambdaValidationException',
  name: 'UserLambdaValidationException',
  message: `PreSignUp failed with error ${emailInUseMessage(ways)}.`,
});

describe('emailInUseError', () => {
  it('a password account: email_taken, offering sign-in and a reset', () => {
    const error = emailInUseError(refused(['Password', 'Google']));
    expect(error?.toIpcError()).toEqual({
      code: 'email_taken',
      message:
        'An account with this email address already exists. Sign in to it, reset its password if you forgot it, or use another email address.',
    });
  });

  it('an account that signs in only with providers: names them, no password to reset', () => {
    expect(emailInUseError(refused(['Google', 'Microsoft']))?.toIpcError()).toEqual({
      code: 'email_taken_federated',
      message:
        'An account with this email address already exists: it signs in with Google or Microsoft. Sign in with Google or Microsoft instead, or use another email address.',
    });
  });

  it('leaves every other failure alone (another trigger refusal, another exception)', () => {
    expect(
      emailInUseError({
        code: 'UserLambdaValidationException',
        message: 'PreSignUp failed with error nope.',
      }),
    ).toBeUndefined();
    expect(
      emailInUseError({ code: 'InvalidParameterException', message: 'EMAIL_IN_USE:Password' }),
    ).toBeUndefined();
    expect(emailInUseError(undefined)).toBeUndefined();
  });
});
