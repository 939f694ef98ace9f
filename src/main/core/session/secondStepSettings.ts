import { GatehouseError } from '../../../shared/errors';
import type { SecondFactor, TwoStepMethods, User } from '../../../shared/ipc/contract';
import type { Accounts } from '../accounts/accounts';
import type { CodeDelivery } from '../accounts/codeDelivery';
import type { SignInOutcome } from '../accounts/passwordSignIn';
import type { Logger } from '../log';
import type { TokenSet } from '../tokens/tokenSet';
import { signInForProof } from './reauthenticate';

/**
 * Which second steps the signed-in user has on (authenticator app, e-mailed codes), turning e-mail
 * codes on, and turning either off after a fresh sign-in (password and a current code, from the
 * authenticator or e-mailed). Gatehouse sets no preferred method: with both on, Cognito then answers
 * each password with SELECT_MFA_TYPE, which is what lets a user who lost the authenticator choose
 * e-mail at sign-in ("If multiple options are activated and no preference is set, a challenge to
 * choose an MFA option will be returned during sign-in",
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html).
 */
export interface SecondStepSettings {
  /** GetUser's methods and preferred one, and whether e-mail codes can be turned on. */
  methods(): Promise<TwoStepMethods>;
  /** Turns e-mail codes on (beside the authenticator, if on), with no method preferred. */
  turnOnEmail(): Promise<TwoStepMethods>;
  /** Turns `method` off, proven by the password and a current authenticator code. */
  turnOffWithAuthenticator(method: SecondFactor, password: string, code: string): Promise<TwoStepMethods>;
  /** Proves the password and e-mails a code; `finishTurnOff` with that code turns `method` off. */
  sendTurnOffCode(method: SecondFactor, password: string): Promise<CodeDelivery>;
  /** The e-mailed code of `sendTurnOffCode`; a wrong one can be tried again. */
  finishTurnOff(code: string): Promise<TwoStepMethods>;
}

/** What the settings need: the accounts calls, the signed-in user, fresh tokens, the pool's offer. */
export interface SecondStepDeps {
  accounts: Pick<Accounts, 'signIn' | 'revoke' | 'mfaMethods' | 'setMfaPreference'>;
  /** The signed-in user, or a `not_signed_in` error. */
  user(): User;
  freshTokens(): Promise<TokenSet>;
  /** The pool offers e-mail codes as a second step (pool definition `mfaSecondFactor.email`). */
  emailOffered: boolean;
  log: Logger;
}

const TEXT = {
  provider: 'Your identity provider manages your second step.',
  notOffered: 'This sign-in service does not offer codes by email as a second step.',
  unverified: 'Confirm your email address first: codes go only to a confirmed address.',
  noAuthenticator: 'The authenticator app is not on for this account. Use a code sent to your email instead.',
  noEmail: 'Codes by email are not on for this account. Use a code from your authenticator app instead.',
  noCodeSent: 'Ask for a code by email first.',
  unexpectedStep: 'Gatehouse could not confirm it is you. Sign out, sign in again, and retry.',
} as const;

/** A second step of a proof sign-in, by the method it asks for. */
type ProofStep<M extends SecondFactor> = Extract<
  SignInOutcome,
  { kind: M extends 'totp' ? 'totp-required' : 'email-mfa-required' }
>;

/** The second step of a proof sign-in, moved to `method` when the sign-in offers it. */
async function stepFor<M extends SecondFactor>(outcome: SignInOutcome, method: M): Promise<ProofStep<M>> {
  const want = method === 'totp' ? 'totp-required' : 'email-mfa-required';
  let step = outcome;
  const switchable = step.kind === 'totp-required' || step.kind === 'email-mfa-required';
  if (
    (step.kind === 'totp-required' || step.kind === 'email-mfa-required') &&
    step.kind !== want &&
    step.others?.includes(method) === true &&
    step.switchTo !== undefined
  )
    step = await step.switchTo(method);
  if (step.kind === want) return step as ProofStep<M>;
  if (step.kind === 'signed-in' || !switchable) throw new GatehouseError('internal', TEXT.unexpectedStep);
  throw new GatehouseError(
    'invalid_request',
    method === 'totp' ? TEXT.noAuthenticator : TEXT.noEmail,
    'code',
  );
}

/** Creates the settings over the session's user and tokens. */
export function createSecondStepSettings(deps: SecondStepDeps): SecondStepSettings {
  const { accounts, log } = deps;
  /** The proof sign-in waiting for its e-mailed code, and the method it will turn off. */
  let pending:
    | { method: SecondFactor; step: Extract<SignInOutcome, { kind: 'email-mfa-required' }>; username: string }
    | undefined;

  const passwordUser = (): User => {
    const user = deps.user();
    if (user.provider !== 'cognito') throw new GatehouseError('invalid_request', TEXT.provider);
    return user;
  };

  const methods = async (): Promise<TwoStepMethods> => {
    const user = passwordUser();
    const read = await accounts.mfaMethods(await deps.freshTokens());
    return { ...read, emailAvailable: deps.emailOffered && user.emailVerified };
  };

  /** Turns `method` off with the proof sign-in's tokens, then ends that sign-in's session. */
  const turnOff = async (method: SecondFactor, outcome: SignInOutcome): Promise<TwoStepMethods> => {
    if (outcome.kind !== 'signed-in') throw new GatehouseError('internal', TEXT.unexpectedStep);
    const proof = outcome.tokens;
    try {
      await accounts.setMfaPreference(proof, { [method]: { enabled: false, preferred: false } });
      log.info('two-step: method turned off', { method });
    } finally {
      await accounts.revoke(proof.refreshToken).catch((error: unknown) => {
        log.warn('two-step: could not revoke the re-authentication session', { error });
      });
    }
    return methods();
  };

  return {
    methods,

    async turnOnEmail() {
      const user = passwordUser();
      if (!deps.emailOffered) throw new GatehouseError('invalid_request', TEXT.notOffered);
      if (!user.emailVerified) throw new GatehouseError('not_confirmed', TEXT.unverified);
      const tokens = await deps.freshTokens();
      const { on } = await accounts.mfaMethods(tokens);
      // None preferred, so with the authenticator also on every sign-in may choose (SELECT_MFA_TYPE).
      await accounts.setMfaPreference(tokens, {
        email: { enabled: true, preferred: false },
        ...(on.includes('totp') ? { totp: { enabled: true, preferred: false } } : {}),
      });
      log.info('two-step: e-mail codes turned on');
      return methods();
    },

    async turnOffWithAuthenticator(method, password, code) {
      const user = passwordUser();
      const step = await stepFor(await signInForProof(accounts, user.username, password), 'totp');
      return turnOff(method, await step.complete(code));
    },

    async sendTurnOffCode(method, password) {
      const user = passwordUser();
      const step = await stepFor(await signInForProof(accounts, user.username, password), 'email');
      pending = { method, step, username: user.username };
      return step.delivery;
    },

    async finishTurnOff(code) {
      const user = passwordUser();
      const proof = pending;
      if (proof === undefined || proof.username !== user.username)
        throw new GatehouseError('invalid_request', TEXT.noCodeSent);
      // A wrong code throws and keeps the proof for another try; a right one spends it.
      const outcome = await proof.step.complete(code);
      pending = undefined;
      return turnOff(proof.method, outcome);
    },
  };
}
