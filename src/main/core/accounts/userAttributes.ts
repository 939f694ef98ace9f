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
  /** GetUserAttributeVerificationCode for `phone_number`: texts a code to the user's unverified number. */
  sendPhoneCode(tokens: TokenSet): Promise<{ delivery: CodeDelivery }>;
  /** VerifyUserAttribute for `phone_number`: the texted code verifies the number (it becomes an alias). */
  verifyPhone(tokens: TokenSet, code: string): Promise<void>;
}

/** The attributes Cognito verifies by code, with the operation their failures read as. */
const OPERATION = { email: 'verifyEmail', phone_number: 'verifyPhone' } as const;
/** Where a code went when Cognito does not say. */
const FALLBACK = { email: 'your new email address', phone_number: 'your phone' } as const;
type Verifiable = keyof typeof OPERATION;

/** Creates the attribute operations; failures become GatehouseErrors. */
export function createUserAttributes(userPool: UserPool, policy: PasswordPolicy): UserAttributes {
  const verify = async (tokens: TokenSet, attribute: Verifiable, code: string): Promise<void> => {
    try {
      await userPool.transport.promisifyRequest('VerifyUserAttribute', {
        AccessToken: tokens.accessToken,
        AttributeName: attribute,
        Code: code,
      });
    } catch (error) {
      throw toGatehouseError(error, OPERATION[attribute], policy);
    }
  };

  const sendCode = async (tokens: TokenSet, attribute: Verifiable): Promise<{ delivery: CodeDelivery }> => {
    let answer: { CodeDeliveryDetails?: unknown };
    try {
      answer = (await userPool.transport.promisifyRequest('GetUserAttributeVerificationCode', {
        AccessToken: tokens.accessToken,
        AttributeName: attribute,
      })) as typeof answer;
    } catch (error) {
      throw toGatehouseError(error, OPERATION[attribute], policy);
    }
    return { delivery: toCodeDelivery(answer?.CodeDeliveryDetails, FALLBACK[attribute]) };
  };

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

    verifyEmail: (tokens, code) => verify(tokens, 'email', code),
    verifyPhone: (tokens, code) => verify(tokens, 'phone_number', code),
    resendEmailCode: (tokens) => sendCode(tokens, 'email'),
    sendPhoneCode: (tokens) => sendCode(tokens, 'phone_number'),
  };
}
