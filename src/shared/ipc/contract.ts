import { z } from 'zod';
import { ProfileInputSchema, ProfilePatchSchema, ProfileSchema } from '../backendApi';
import { errorCodeSchema } from '../errors';
import { IdentityProviderSchema } from '../identity';
import { passwordPolicySchema } from '../passwordPolicy';
import { looksLikePhoneNumber, PHONE_FORMAT_HINT } from '../phoneNumber';
import { PROVIDER_KINDS } from '../poolDefinition';

/**
 * The IPC contract: every channel between renderer and main, declared once with its request and
 * response schemas. Types, main's runtime validation and the preload bridge all derive from here.
 */

const empty = z.strictObject({});
const ok = z.strictObject({ ok: z.literal(true) });

/**
 * A username, e-mail or phone number, as typed (trimmed): main reads a typed phone number into E.164,
 * the form Cognito finds it by (src/main/core/accounts/phoneNumber.ts).
 */
const login = z.string().trim().min(1, 'Enter your username or email').max(128);
const password = z.string().min(1, 'Enter your password').max(256);
/** Cognito's e-mailed codes and authenticator-app (TOTP) codes are both 6 digits. */
const SIX_DIGITS = /^\d{6}$/;
const confirmationCode = z.string().regex(SIX_DIGITS, 'The code is 6 digits');
/** A code from an authenticator app (TOTP): 6 digits; spaces people paste with it are dropped first. */
const authenticatorCode = z
  .string()
  .transform((code) => code.replace(/\s/g, ''))
  .pipe(z.string().regex(SIX_DIGITS, 'Enter the 6-digit code from your authenticator app'));
/** A code e-mailed as a second step: 6 digits; spaces people paste with it are dropped first. */
const emailedCode = z
  .string()
  .transform((code) => code.replace(/\s/g, ''))
  .pipe(z.string().regex(SIX_DIGITS, 'Enter the 6-digit code from the email'));
/** The name the user gives the authenticator (shown in Cognito's records). */
const deviceName = z.string().trim().min(1, 'Name the device').max(64);

/** Longest redirect URL accepted, pasted or delivered as a deep link (core/hostedUi/deepLink.ts checks it too). */
export const MAX_REDIRECT_URL_LENGTH = 4096;

/** How a code travels: by e-mail or by text message. */
const codeMedium = z.enum(['EMAIL', 'SMS']);

/** Where a confirmation, reset or sign-in code was sent, masked (`a***@example.com`). */
const codeDelivery = z.strictObject({
  destination: z.string(),
  medium: codeMedium,
});

/** A second step of a sign-in: the authenticator app's code (TOTP) or a code e-mailed to the account. */
export const secondFactorSchema = z.enum(['totp', 'email']);

export type SecondFactor = z.infer<typeof secondFactorSchema>;

// Declared with the password check in ../passwordPolicy.ts; re-exported as part of the contract.
export { type PasswordPolicy, passwordPolicySchema } from '../passwordPolicy';

/** Who is signed in, as the renderer may know it: identity claims only, never a token. */
export const userSchema = z.strictObject({
  username: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  /** The phone number (E.164), when the account has one; once verified it signs in like the username. */
  phone: z.string().optional(),
  /** `phone` as people read it (`+1 415 555 0100`), grouped in main, where each country's rules are. */
  phoneShown: z.string().optional(),
  phoneVerified: z.boolean().optional(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  provider: IdentityProviderSchema,
  /** The pool's name for the provider of a federated user (`Google`, `Microsoft`), as the buttons say it. */
  providerName: z.string().optional(),
  /** Providers linked to this account (one Cognito user), by the pool's names: they sign in to it too. */
  linkedProviders: z.array(z.string()).optional(),
});

export type User = z.infer<typeof userSchema>;

const keychain = {
  /** Plain-words reason when the OS keychain cannot be used; the session then lives in memory only. */
  keychainWarning: z.string().optional(),
};

/** Why main signed the user out (session ended, keychain trouble…): a typed error code and plain words. */
export const noticeSchema = z.strictObject({ code: errorCodeSchema, message: z.string() });

export type Notice = z.infer<typeof noticeSchema>;

export const authStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('signed-out'), notice: noticeSchema.optional(), ...keychain }),
  z.strictObject({
    status: z.literal('signing-in'),
    method: z.enum(['password', 'federated', 'restore', 'code']),
    /** With `federated`: the pool's name for the provider the browser was sent to. */
    provider: z.string().optional(),
    /** With `federated`: the sign-in was started again to finish linking the provider to the user's account. */
    linking: z.boolean().optional(),
    ...keychain,
  }),
  z.strictObject({ status: z.literal('new-password-required'), ...keychain }),
  /**
   * Two-step verification is on: the code from the authenticator app completes the sign-in.
   * `canUseEmail`: Cognito lets this sign-in use a code e-mailed to the account instead.
   */
  z.strictObject({
    status: z.literal('totp-required'),
    canUseEmail: z.boolean().optional(),
    /** The pool remembers a device only when the user asks: the screen offers "Remember this device". */
    offerRememberDevice: z.boolean().optional(),
    ...keychain,
  }),
  /**
   * The second step by e-mail: the code sent to `delivery` (masked) completes the sign-in;
   * `canUseAuthenticator`: the user may go back to the authenticator app's code.
   */
  z.strictObject({
    status: z.literal('email-mfa-required'),
    delivery: codeDelivery,
    canUseAuthenticator: z.boolean(),
    ...keychain,
  }),
  /**
   * A sign-in by code: the one-time code e-mailed or texted (to `delivery`, masked) completes it;
   * `login` is what the user typed, to send a new code.
   */
  z.strictObject({ status: z.literal('code-required'), login, delivery: codeDelivery, ...keychain }),
  /**
   * A federated sign-in whose provider does not vouch for the e-mail: a code mailed to it (to
   * `delivery`, once sent) confirms it before any profile opens.
   */
  z.strictObject({
    status: z.literal('email-confirmation-required'),
    user: userSchema,
    delivery: codeDelivery.optional(),
    ...keychain,
  }),
  z.strictObject({ status: z.literal('needs-onboarding'), user: userSchema, ...keychain }),
  z.strictObject({ status: z.literal('signed-in'), user: userSchema, profile: ProfileSchema, ...keychain }),
  /** `retryInSeconds`: a launch that could not reach the sign-in service tries again by itself this much later. */
  z.strictObject({
    status: z.literal('offline'),
    user: userSchema.optional(),
    retryInSeconds: z.number().int().positive().optional(),
    ...keychain,
  }),
]);

export type AuthState = z.infer<typeof authStateSchema>;

/** Two-step verification of the signed-in account: on, off, or the identity provider's own (federated accounts). */
export const twoStepStatusSchema = z.enum(['on', 'off', 'provider']);

export type TwoStepStatus = z.infer<typeof twoStepStatusSchema>;

const twoStepAnswer = z.strictObject({ status: twoStepStatusSchema });

/**
 * The second steps of the signed-in account as GetUser reports them (`UserMFASettingList`,
 * `PreferredMfaSetting`); `emailAvailable`: the pool offers e-mail codes and the address is verified.
 */
export const twoStepMethodsSchema = z.strictObject({
  on: z.array(secondFactorSchema),
  preferred: secondFactorSchema.optional(),
  emailAvailable: z.boolean(),
});

export type TwoStepMethods = z.infer<typeof twoStepMethodsSchema>;

/** An e-mail address, as sign-up asks for it and as the home screen changes it. */
const newEmail = z.email('Enter a valid email address').max(254, 'Use at most 254 characters');

/** A first name, as sign-up asks for it and as the home screen changes it. */
const givenName = z.string().trim().min(1, 'Enter your first name').max(256, 'Use at most 256 characters');

export const signUpRequestSchema = z.strictObject({
  username: z.string().trim().min(1, 'Choose a username').max(128),
  email: newEmail,
  password,
  givenName,
  /**
   * As typed (spaces, dashes, `00`), checked here for its shape only; main reads it for real, sends
   * Cognito E.164 and answers `invalid_request` on `phone` with the same hint when it is no real number.
   */
  phone: z.string().refine(looksLikePhoneNumber, PHONE_FORMAT_HINT).optional(),
});

export type SignUpRequest = z.infer<typeof signUpRequestSchema>;

/**
 * One of the user's devices in the "Signed-in devices" list. `id` is opaque (never the device key,
 * which is a secret); `name` is the device's OS and app; `thisDevice` marks the computer in use.
 */
export const deviceRowSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  name: z.string(),
  /** When the device last signed in (ISO 8601). */
  lastUsedAt: z.string().optional(),
  thisDevice: z.boolean(),
  /** Remembered: signing in from it skips the second step. */
  remembered: z.boolean(),
});

export type DeviceRow = z.infer<typeof deviceRowSchema>;

const deviceList = z.strictObject({ devices: z.array(deviceRowSchema) });

/** One of the account's passkeys as the home screen lists it (what ListWebAuthnCredentials tells). */
export const passkeySchema = z.strictObject({
  /** Cognito's credential id (base64url), which removing names. */
  id: z.string(),
  name: z.string(),
  /** When it was registered, epoch milliseconds. */
  createdAt: z.number(),
  /** `platform` (this device) or `cross-platform` (a security key, a phone), when Cognito knows. */
  attachment: z.string().optional(),
});

export type Passkey = z.infer<typeof passkeySchema>;

const passkeyList = z.strictObject({ passkeys: z.array(passkeySchema) });

/** A WebAuthn credential id: base64url (Cognito's `CredentialId`), bounded. */
const credentialId = z.string().regex(/^[A-Za-z0-9_-]{1,1024}$/, 'That is not a passkey of this account.');

function channel<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

/** Renderer → main request/response channels. */
export const channels = {
  'app.info': channel(
    empty,
    z.strictObject({
      name: z.string(),
      version: z.string(),
      environment: z.string(),
      platform: z.string(),
      userPoolId: z.string(),
    }),
  ),
  'auth.getState': channel(empty, authStateSchema),
  'auth.passwordPolicy': channel(empty, passwordPolicySchema),
  'auth.signUp': channel(
    signUpRequestSchema,
    z.strictObject({ delivery: codeDelivery, confirmed: z.boolean() }),
  ),
  'auth.confirmSignUp': channel(z.strictObject({ username: login, code: confirmationCode }), ok),
  'auth.resendCode': channel(z.strictObject({ username: login }), z.strictObject({ delivery: codeDelivery })),
  /**
   * "Wrong address? Change it" on the confirm screen: the sign-up made on this computer gets a new
   * e-mail and a new code. `password`: the one typed on the way here, for the new sign-up after a restart.
   */
  'auth.changeSignUpEmail': channel(
    z.strictObject({ username: login, email: newEmail, password: password.optional() }),
    z.strictObject({ delivery: codeDelivery }),
  ),
  'auth.signIn': channel(z.strictObject({ login, password }), authStateSchema),
  'auth.completeNewPassword': channel(z.strictObject({ newPassword: password }), authStateSchema),
  /** The code from the authenticator app, answering `totp-required`. */
  'auth.answerTotp': channel(
    z.strictObject({ code: authenticatorCode, rememberDevice: z.boolean().optional() }),
    authStateSchema,
  ),
  /** The code e-mailed as the second step, answering `email-mfa-required`. */
  'auth.answerEmailMfa': channel(z.strictObject({ code: emailedCode }), authStateSchema),
  /**
   * Another second step for the sign-in under way: `email` from `totp-required` e-mails a code (and,
   * from `email-mfa-required`, sends a new one); `totp` goes back to the authenticator app.
   */
  'auth.switchSecondStep': channel(z.strictObject({ method: secondFactorSchema }), authStateSchema),
  /** The ways a sign-in code can be sent for this pool (none: only the password); `passkey`: "Sign in with a passkey". */
  'auth.signInMethods': channel(
    empty,
    z.strictObject({ codeMedia: z.array(codeMedium), passkey: z.boolean() }),
  ),
  /** "Email me a code" / "Text me a code": sends a one-time code instead of asking for the password. */
  'auth.signInWithCode': channel(z.strictObject({ login, medium: codeMedium }), authStateSchema),
  /** The code that was e-mailed or texted, answering `code-required`. */
  'auth.answerCode': channel(z.strictObject({ code: authenticatorCode }), authStateSchema),
  /** A new code for the e-mail of `email-confirmation-required`. */
  'auth.sendEmailConfirmation': channel(empty, authStateSchema),
  /** The code mailed to that e-mail: confirms it, then the sign-in goes on to the profile. */
  'auth.confirmEmail': channel(z.strictObject({ code: authenticatorCode }), authStateSchema),
  'auth.forgotPassword': channel(z.strictObject({ login }), z.strictObject({ delivery: codeDelivery })),
  'auth.confirmForgotPassword': channel(
    z.strictObject({ login, code: confirmationCode, newPassword: password }),
    ok,
  ),
  'auth.changePassword': channel(z.strictObject({ oldPassword: password, newPassword: password }), ok),
  'auth.signOut': channel(empty, authStateSchema),
  'auth.signOutEverywhere': channel(empty, authStateSchema),
  /** Try again after `offline` (restore or refresh). */
  'auth.retry': channel(empty, authStateSchema),
  /** The identity providers this build offers, in button order (the pool's names and kinds). */
  'federated.providers': channel(
    empty,
    z.array(z.strictObject({ name: z.string(), kind: z.enum(PROVIDER_KINDS) })),
  ),
  /** Opens the Hosted UI in the system browser, straight to `provider`; returns the link so the user can copy it. */
  'federated.start': channel(
    z.strictObject({ provider: z.string().min(1).max(32) }),
    z.strictObject({ signInUrl: z.string() }),
  ),
  'federated.cancel': channel(empty, authStateSchema),
  /** Fallback when the OS did not bring the app back: the user pastes the final redirect URL. */
  'federated.completeFromUrl': channel(
    z.strictObject({ url: z.string().min(1).max(MAX_REDIRECT_URL_LENGTH) }),
    authStateSchema,
  ),
  'twoStep.status': channel(empty, twoStepAnswer),
  /**
   * Starts setting up an authenticator app. The secret reaches the renderer because the user must be
   * able to type it; main keeps no copy, and the renderer drops it when the setup screen closes.
   * The authenticator's name, asked first, goes into the `otpauth://` label.
   */
  'twoStep.startSetup': channel(
    z.strictObject({ deviceName: deviceName.optional() }),
    z.strictObject({
      /** `otpauth://totp/Gatehouse:<account> (<name>)?secret=…&issuer=Gatehouse` */
      uri: z.string().startsWith('otpauth://totp/'),
      /** The URI as a QR code (SVG data URL, rendered in main). */
      qrDataUrl: z.string().startsWith('data:image/svg+xml;base64,'),
      /** The secret in groups of four, for typing by hand. */
      groupedSecret: z.string().regex(/^[A-Z2-7]{1,4}( [A-Z2-7]{1,4})*$/),
    }),
  ),
  /** The first code from the app: two-step verification is on from now. */
  'twoStep.finishSetup': channel(z.strictObject({ code: authenticatorCode, deviceName }), twoStepAnswer),
  /** Turning it off asks for the password and a current code (both are checked by a fresh sign-in). */
  'twoStep.turnOff': channel(z.strictObject({ password, code: authenticatorCode }), twoStepAnswer),
  /** Which second steps are on for the signed-in account, which one Cognito asks first, and whether e-mail can be. */
  'twoStep.methods': channel(empty, twoStepMethodsSchema),
  /** Turns e-mail codes on as a second step (beside or instead of the authenticator app). */
  'twoStep.turnOnEmail': channel(empty, twoStepMethodsSchema),
  /**
   * Turns one method off after a fresh sign-in: the password and a current authenticator code
   * (`proof: totp`), or the password now and the e-mailed code next (`proof: email`, see
   * `twoStep.finishTurnOff`).
   */
  'twoStep.turnOffMethod': channel(
    z.discriminatedUnion('proof', [
      z.strictObject({
        method: secondFactorSchema,
        proof: z.literal('totp'),
        password,
        code: authenticatorCode,
      }),
      z.strictObject({ method: secondFactorSchema, proof: z.literal('email'), password }),
    ]),
    z.discriminatedUnion('status', [
      z.strictObject({ status: z.literal('done'), methods: twoStepMethodsSchema }),
      z.strictObject({ status: z.literal('code-sent'), delivery: codeDelivery }),
    ]),
  ),
  /** The e-mailed code that finishes `twoStep.turnOffMethod` with `proof: email`. */
  'twoStep.finishTurnOff': channel(z.strictObject({ code: emailedCode }), twoStepMethodsSchema),
  /** The signed-in user's first name (Cognito's `given_name`), password accounts only. */
  'account.changeName': channel(z.strictObject({ givenName }), authStateSchema),
  /** Asks to change the e-mail: a code goes to the new address; the old one stays until it is verified. */
  'account.startEmailChange': channel(
    z.strictObject({ email: newEmail }),
    z.strictObject({ delivery: codeDelivery }),
  ),
  'account.resendEmailCode': channel(empty, z.strictObject({ delivery: codeDelivery })),
  /** The code from the new address: the e-mail (and the profile) move to it. */
  'account.confirmEmailChange': channel(z.strictObject({ code: confirmationCode }), authStateSchema),
  /** The signed-in user's devices (Cognito device tracking), this computer marked. */
  'devices.list': channel(empty, deviceList),
  /** Forgets one device: it asks for the second step again at its next sign-in. Answers the list. */
  'devices.forget': channel(z.strictObject({ id: deviceRowSchema.shape.id }), deviceList),
  /**
   * Deletes the signed-in user's account for good: password users give their password (and the
   * authenticator code when two-step is on); federated users type DELETE (`confirmation`).
   */
  'account.delete': channel(
    z.strictObject({
      password: password.optional(),
      code: authenticatorCode.optional(),
      confirmation: z.string().max(32).optional(),
    }),
    authStateSchema,
  ),
  /**
   * "Sign in with a passkey": opens managed login's sign-in page in the system browser (the federated
   * flow with no identity provider); completes like `federated.start`, by deep link or pasted URL.
   */
  'passkeys.startSignIn': channel(empty, z.strictObject({ signInUrl: z.string() })),
  /** The signed-in account's passkeys. */
  'passkeys.list': channel(empty, passkeyList),
  /** Opens managed login's add-a-passkey page in the system browser; `passkeys.returned` says when it is back. */
  'passkeys.startAdd': channel(empty, z.strictObject({ addUrl: z.string() })),
  /** Removes one after the password (and a current code when two-step is on) confirm it is the user. */
  'passkeys.remove': channel(
    z.strictObject({ id: credentialId, password, code: authenticatorCode.optional() }),
    passkeyList,
  ),
  /** Texts a code to the account's unverified phone number. */
  'account.sendPhoneCode': channel(empty, z.strictObject({ delivery: codeDelivery })),
  /** The texted code: the number becomes verified (a sign-in alias); answers the state showing it. */
  'account.verifyPhone': channel(z.strictObject({ code: confirmationCode }), authStateSchema),
  'profile.save': channel(ProfileInputSchema, authStateSchema),
  'profile.update': channel(ProfilePatchSchema, authStateSchema),
} as const;

/** Main → renderer events. */
export const events = {
  'auth.stateChanged': authStateSchema,
  /** The browser came back from adding a passkey: read the list again. */
  'passkeys.returned': z.strictObject({}),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** The schema of every sign-in-name field (`login`, and `username` after sign-up): main reads typed numbers in them. */
export const signInNameSchema = login;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** True when `name` is a declared channel (guards strings arriving from the other side). */
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
