import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import { type CodeDelivery, toCodeDelivery } from './codeDelivery';
import { toGatehouseError } from './cognitoErrors';
import type { UserPool } from './userPool';

/** The signed-in user's own attributes, changed with their access token. */
export interface UserAttributes {
  /**
   * UpdateUserAttributes: sets the given attributes (e.g. `given_name`). The ID token names the new
   * values only after the next refresh. A new e-mail waits for its code (the pool keeps the original
   * until then); `delivery` says where the code went.
   * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html
   */
  updateAttributes(
    tokens: TokenSet,
    attributes: Record<string, string>,
  ): Promise<{ delivery?: CodeDelivery }>;
  /**
   * VerifyUserAttribute: the mailed code makes the waiting e-mail the user's, verified.
   * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html
   */
  verifyEmail(tokens: TokenSet, code: string): Promise<void>;
  /**
   * GetUserAttributeVerificationCode: a new code for the e-mail waiting for verification.
   * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html
   */
  resendEmailCode(tokens: TokenSet): Promise<{ delivery: CodeDelivery }>;
}

/** Creates the attribute operations; failures become GatehouseErrors. */
export function createUserAttributes(userPool: UserPool, policy: PasswordPolicy): UserAttributes {
  return {
    async updateAttributes(tokens, attributes) {
      let answer: { CodeDeliveryDetailsList?: unknown[] };
      try {
        answer = (await userPool.transport.promisifyRequest('UpdateUserAttributes', {
          AccessToken: tokens.accessToken,
          UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
        })) as typeof answer;
      } catch (error) {
        throw toGatehouseError(error, 'updateAttributes', policy);
      }
      const details = answer?.CodeDeliveryDetailsList?.[0];
      return details === undefined ? {} : { delivery: toCodeDelivery(details, 'your new email address') };
    },

    async verifyEmail(tokens, code) {
      try {
        await userPool.transport.promisifyRequest('VerifyUserAttribute', {
          AccessToken: tokens.accessToken,
          AttributeName: 'email',
          Code: code,
        });
      } catch (error) {
        throw toGatehouseError(error, 'verifyEmail', policy);
      }
    },

    async resendEmailCode(tokens) {
      let answer: { CodeDeliveryDetails?: unknown };
      try {
        answer = (await userPool.transport.promisifyRequest('GetUserAttributeVerificationCode', {
          AccessToken: tokens.accessToken,
          AttributeName: 'email',
        })) as typeof answer;
      } catch (error) {
        throw toGatehouseError(error, 'verifyEmail', policy);
      }
      return { delivery: toCodeDelivery(answer?.CodeDeliveryDetails, 'your new email address') };
    },
  };
}
