import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { type PreSignUpEvent, preSignUp } from '../../infra/triggers/preSignUp.js';
import { POOL_DEFINITION } from '../../src/shared/poolDefinition.js';
import { CognitoException } from './errors.js';
import type { AdminCredentials } from './sigv4.js';

export type { PreSignUpEvent } from '../../infra/triggers/preSignUp.js';

/** Runs the pool's pre-sign-up trigger on an event; throws Cognito's error when the trigger refuses. */
export type PreSignUpHook = (event: PreSignUpEvent) => Promise<void>;

/**
 * The devstack's pre-sign-up trigger: the deployed stack's own handler module
 * (infra/triggers/preSignUp.ts), given the AWS SDK's Cognito client pointed at this devstack and
 * signed with the run's admin key, as the Lambda's role signs its calls. A trigger that throws
 * refuses the sign-up with `UserLambdaValidationException` "PreSignUp failed with error <message>."
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html).
 */
export function preSignUpTrigger(opts: {
  cognitoUrl: string;
  admin: { credentials: AdminCredentials; region: string };
  log: (line: string) => void;
}): PreSignUpHook {
  const cognito = new CognitoIdentityProviderClient({
    region: opts.admin.region,
    endpoint: `${opts.cognitoUrl}/`,
    credentials: opts.admin.credentials,
    maxAttempts: 1,
  });
  return async (event) => {
    try {
      await preSignUp(event, {
        cognito,
        providers: POOL_DEFINITION.identityProviders,
        log: (message, fields) => opts.log(`[pre-sign-up] ${message} ${JSON.stringify(fields)}`),
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new CognitoException('UserLambdaValidationException', `PreSignUp failed with error ${message}.`);
    }
  };
}
