/**
 * The Lambda entry of the pre-sign-up trigger (bundled by the CDK stack): the SDK's Cognito client
 * with the function's role, and the pool definition's providers. The logic is `preSignUp.ts`.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { POOL_DEFINITION } from '../../src/shared/poolDefinition';
import { type PreSignUpEvent, preSignUp } from './preSignUp';

const cognito = new CognitoIdentityProviderClient({});

/** Lambda handler: Cognito calls it before it creates a user. */
export const handler = (event: PreSignUpEvent): Promise<PreSignUpEvent> =>
  preSignUp(event, {
    cognito,
    providers: POOL_DEFINITION.identityProviders,
    // CloudWatch Logs: the provider name only, never the e-mail or the user's id.
    log: (message, fields) => console.log(JSON.stringify({ message, ...fields })),
  });
