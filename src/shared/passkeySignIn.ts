/**
 * "Sign in with a passkey" goes through the federated flow with no identity provider: the Hosted UI's
 * authorize endpoint without `identity_provider` opens managed login's own sign-in page
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html), where the
 * passkey is offered. This is the name that flow, the `signing-in` state and the waiting screen use
 * for it in place of a provider's; the pool's providers are Cognito provider names, never this one.
 */
export const PASSKEY_SIGN_IN = 'passkey';

/** True when `provider` is the passkey sign-in rather than an identity provider. */
export function isPasskeySignIn(provider: string | undefined): boolean {
  return provider === PASSKEY_SIGN_IN;
}
