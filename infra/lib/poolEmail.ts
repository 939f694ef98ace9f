/**
 * How the user pool sends its e-mail (verification codes, e-mailed sign-in codes, e-mail MFA): through
 * Amazon SES as the deploy's sender, in the stack's region. E-mail MFA needs exactly this on AWS: the
 * Essentials plan or higher and `EmailSendingAccount: DEVELOPER`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html).
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { PoolDefinition } from '../../src/shared/poolDefinition';

/** The domain of a sender address: the Amazon SES identity it is verified under. */
export function sesDomainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** Thrown at synthesis when the definition needs SES e-mail and the deploy names no sender. */
export class PoolEmailError extends Error {
  override readonly name = 'PoolEmailError';
}

/**
 * The pool's `email` setting: SES from `mailFromAddress` (its domain identity, the stack's region), or
 * Cognito's default sender when there is none and nothing needs SES. Refuses a definition with e-mail
 * MFA on and no sender, in words that say what to set.
 */
export function poolEmail(
  scope: Construct,
  definition: PoolDefinition,
  mailFromAddress: string | undefined,
): cognito.UserPoolEmail | undefined {
  if (mailFromAddress === undefined) {
    if (definition.mfaSecondFactor.email) {
      throw new PoolEmailError(
        'The pool definition turns on e-mail MFA (mfaSecondFactor.email), which on AWS needs the pool to ' +
          'send e-mail through Amazon SES: set mailFromAddress (--context mailFromAddress=security@your.domain) ' +
          "to an address on a domain verified in SES in the stack's region, or turn e-mail MFA off.",
      );
    }
    return undefined;
  }
  return cognito.UserPoolEmail.withSES({
    fromEmail: mailFromAddress,
    // SourceArn names the domain identity (the one the README has you verify), not the single address.
    sesVerifiedDomain: sesDomainOf(mailFromAddress),
    // The stack's region, also when it is only known at deploy (CDK otherwise insists on a literal one).
    sesRegion: Stack.of(scope).region,
  });
}
