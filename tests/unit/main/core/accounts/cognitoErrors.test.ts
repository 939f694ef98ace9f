import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  COGNITO_ERROR_TABLE,
  type CognitoOperation,
  toGatehouseError,
} from '../../../../../src/main/core/accounts/cognitoErrors';
import {
  CognitoNetworkError,
  createCognitoTransport,
} from '../../../../../src/main/core/accounts/cognitoTransport';
import { isOffline } from '../../../../../src/main/core/errors/offline';
import { describePasswordPolicy } from '../../../../../src/main/core/errors/passwordPolicy';
import { ERROR_CODES, GatehouseError, ipcErrorSchema } from '../../../../../src/shared/errors';

const policy = {
  minLength: 10,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: false,
};

/** A failure as amazon-cognito-identity-js (and our transport) reports it. */
const cognito = (name: string, message = 'cognito says no') =>
  Object.assign(new Error(message), { name, code: name });

const map = (name: string, operation: CognitoOperation, message?: string) =>
  toGatehouseError(cognito(name, message), operation, policy);

describe('Cognito error table', () => {
  it.each([
    ['UsernameExistsException', 'signUp', 'username_taken', 'username'],
    ['AliasExistsException', 'confirmSignUp', 'email_taken', 'email'],
    ['CodeMismatchException', 'confirmSignUp', 'code_mismatch', 'code'],
    ['ExpiredCodeException', 'confirmForgotPassword', 'code_expired', 'code'],
    ['NotAuthorizedException', 'signIn', 'wrong_credentials', undefined],
    ['NotAuthorizedException', 'refresh', 'session_expired', undefined],
    ['NotAuthorizedException', 'confirmSignUp', 'already_confirmed', undefined],
    ['NotAuthorizedException', 'changePassword', 'wrong_credentials', 'oldPassword'],
    ['NotAuthorizedException', 'completeNewPassword', 'session_expired', undefined],
    ['UserNotConfirmedException', 'signIn', 'not_confirmed', undefined],
    ['UserNotFoundException', 'signIn', 'wrong_credentials', undefined],
    ['UserNotFoundException', 'forgotPassword', 'user_not_found', undefined],
    ['InvalidPasswordException', 'signUp', 'weak_password', 'password'],
    ['InvalidPasswordException', 'changePassword', 'weak_password', 'newPassword'],
    ['PasswordResetRequiredException', 'signIn', 'password_reset_required', undefined],
    ['LimitExceededException', 'resendCode', 'rate_limited', undefined],
    ['TooManyRequestsException', 'signIn', 'rate_limited', undefined],
    ['TooManyFailedAttemptsException', 'confirmSignUp', 'rate_limited', 'code'],
    ['InternalErrorException', 'signIn', 'service_unreachable', undefined],
    ['ResourceNotFoundException', 'signIn', 'internal', undefined],
    ['UnsupportedChallenge', 'signIn', 'internal', undefined],
    // Two-step verification (TOTP): said on the code field, in authenticator-app words.
    ['CodeMismatchException', 'answerTotp', 'code_mismatch', 'code'],
    ['EnableSoftwareTokenMFAException', 'verifyTotp', 'code_mismatch', 'code'],
    ['ExpiredCodeException', 'answerTotp', 'code_expired', 'code'],
    ['NotAuthorizedException', 'answerTotp', 'session_expired', undefined],
    ['SoftwareTokenMFANotFoundException', 'associateTotp', 'internal', undefined],
  ] as const)('%s during %s → %s', (name, operation, code, field) => {
    const error = map(name, operation);
    expect(error).toBeInstanceOf(GatehouseError);
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
  });

  it('GlobalSignOut: only an already-ended session counts as signed out; any other refusal is a failure', () => {
    for (const message of ['Access Token has been revoked', 'Access Token has expired']) {
      expect(map('NotAuthorizedException', 'globalSignOut', message).code).toBe('session_expired');
    }
    for (const message of [
      'Access Token does not have required scopes',
      'User is disabled.',
      'Invalid Access Token',
    ]) {
      const error = map('NotAuthorizedException', 'globalSignOut', message);
      expect(error.code).not.toBe('session_expired');
      expect(error.message).not.toContain(message);
    }
  });

  it('a token without aws.cognito.signin.user.admin is a set-up problem, not a wrong password', () => {
    const error = map(
      'NotAuthorizedException',
      'changePassword',
      'Access Token does not have required scopes',
    );
    expect(error.code).toBe('internal');
    expect(error.field).toBeUndefined();
  });

  it('too many wrong codes: plain words that say to wait and ask for a new code', () => {
    for (const name of ['LimitExceededException', 'TooManyFailedAttemptsException']) {
      for (const operation of ['confirmSignUp', 'confirmForgotPassword'] as const) {
        const error = map(name, operation, 'Attempt limit exceeded, please try after some time.');
        expect(error.code).toBe('rate_limited');
        expect(error.message).toBe('Too many wrong codes. Wait a few minutes, then ask for a new code.');
      }
    }
    expect(
      map('ExpiredCodeException', 'confirmSignUp', 'Invalid code provided, please request a code again.')
        .message,
    ).toBe('That code has expired. Ask for a new one and try again.');
  });

  it('answers an unknown user exactly like a wrong password at sign-in (does not reveal which accounts exist)', () => {
    const unknown = map('UserNotFoundException', 'signIn', 'User does not exist.');
    const wrong = map('NotAuthorizedException', 'signIn', 'Incorrect username or password.');
    expect(unknown.toIpcError()).toEqual(wrong.toIpcError());
  });

  it('states the password policy in words for a weak password', () => {
    const error = map('InvalidPasswordException', 'signUp', 'Password did not conform with policy');
    expect(error.message).toContain('at least 10 characters');
    expect(error.message).toContain('a lowercase letter, an uppercase letter and a number');
    expect(error.message).not.toContain('symbol');
    expect(error.message).not.toContain('conform');
  });

  it('tells InvalidParameterException apart by its message', () => {
    expect(map('InvalidParameterException', 'signUp', 'Invalid email address format.').code).toBe(
      'invalid_email',
    );
    expect(map('InvalidParameterException', 'signUp', 'Invalid phone number format.').code).toBe(
      'invalid_phone',
    );
    expect(map('InvalidParameterException', 'resendCode', 'User is already confirmed.').code).toBe(
      'already_confirmed',
    );
    expect(
      map(
        'InvalidParameterException',
        'forgotPassword',
        'Cannot reset password for the user as there is no registered/verified email or phone_number',
      ).code,
    ).toBe('not_confirmed');
    expect(map('InvalidParameterException', 'signUp', 'something else').code).toBe('invalid_request');
  });

  it('maps a lockout after too many wrong passwords to rate_limited', () => {
    expect(map('NotAuthorizedException', 'signIn', 'Password attempts exceeded').code).toBe('rate_limited');
  });

  it('maps transport failures to offline / service_unreachable, and marks them as connectivity errors', () => {
    const offline = toGatehouseError(new CognitoNetworkError('offline'), 'signIn', policy);
    const unreachable = toGatehouseError(new CognitoNetworkError('unreachable'), 'refresh', policy);
    expect(offline.code).toBe('offline');
    expect(unreachable.code).toBe('service_unreachable');
    expect(isOffline(offline) && isOffline(unreachable)).toBe(true);
    expect(isOffline(map('NotAuthorizedException', 'refresh'))).toBe(false);
  });

  it('never passes Cognito text or internals through, and falls back to internal for the unknown', () => {
    const error = toGatehouseError(
      new Error('TypeError: x is undefined at CognitoUser.js:42'),
      'signIn',
      policy,
    );
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('CognitoUser');
    expect(map('NotAuthorizedException', 'signIn', 'Incorrect username or password.').message).not.toContain(
      'Incorrect username',
    );
  });

  it('a wrong or reused authenticator code talks about the app, not about an e-mail', () => {
    expect(map('CodeMismatchException', 'answerTotp').message).toMatch(/authenticator app/);
    expect(map('CodeMismatchException', 'confirmSignUp').message).toMatch(/email/);
    expect(
      map('ExpiredCodeException', 'answerTotp', 'Your software token has already been used once.').message,
    ).toMatch(/just used.*next code/);
  });

  it('a wrong texted code for the phone number talks about the message, not an e-mail; too many say to wait', () => {
    expect(map('CodeMismatchException', 'verifyPhone').message).toBe(
      'That code is not right. Enter the code from the latest message we sent.',
    );
    const limited = map(
      'LimitExceededException',
      'verifyPhone',
      'Attempt limit exceeded, please try after some time.',
    );
    expect(limited).toMatchObject({ code: 'rate_limited', field: 'code' });
    expect(limited.message).toBe('Too many wrong codes. Wait a few minutes, then ask for a new code.');
    expect(map('AliasExistsException', 'verifyPhone').message).toMatch(
      /Another account already uses this phone number/,
    );
  });

  it('keeps a GatehouseError as it is', () => {
    const original = new GatehouseError('cancelled', 'x');
    expect(toGatehouseError(original, 'signIn', policy)).toBe(original);
  });

  it('has a known code and non-empty words on every row', () => {
    for (const [name, rule] of Object.entries(COGNITO_ERROR_TABLE)) {
      const outcomes = [
        rule,
        ...Object.values(rule.operations ?? {}),
        ...(rule.refine ?? []).map((r) => r.outcome),
      ];
      for (const outcome of outcomes) {
        expect(ERROR_CODES, name).toContain(outcome.code);
        const text = typeof outcome.message === 'function' ? outcome.message(policy) : outcome.message;
        expect(text.length, name).toBeGreaterThan(10);
      }
    }
  });
});

describe('password policy in words', () => {
  it('lists every requirement', () => {
    expect(
      describePasswordPolicy({
        minLength: 8,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: true,
      }),
    ).toBe('Use at least 8 characters, with a lowercase letter, an uppercase letter, a number and a symbol.');
    expect(
      describePasswordPolicy({
        minLength: 6,
        requireLowercase: false,
        requireUppercase: false,
        requireNumbers: false,
        requireSymbols: false,
      }),
    ).toBe('Use at least 6 characters.');
  });
});

describe('Cognito transport', () => {
  it('names service errors as Cognito does, and network failures by kind', async () => {
    const server = createServer((request, response) => {
      const target = String(request.headers['x-amz-target']);
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target.endsWith('.SignUp')) {
        response.statusCode = 400;
        response.end(
          JSON.stringify({
            __type: 'com.amazonaws.cognito.identity.idp.model#UsernameExistsException',
            message: 'User already exists',
          }),
        );
      } else {
        response.end(JSON.stringify({ ok: target }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const transport = createCognitoTransport({ endpoint: `http://127.0.0.1:${port}/`, timeoutMs: 2000 });
      await expect(transport.promisifyRequest('GetUser', {})).resolves.toEqual({
        ok: 'AWSCognitoIdentityProviderService.GetUser',
      });
      const failure = await transport.promisifyRequest('SignUp', {}).catch((error: unknown) => error);
      expect(failure).toMatchObject({ name: 'UsernameExistsException', code: 'UsernameExistsException' });
      expect(toGatehouseError(failure, 'signUp', policy).code).toBe('username_taken');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const dead = createCognitoTransport({ endpoint: `http://127.0.0.1:${port}/`, timeoutMs: 2000 });
    const failure = await dead.promisifyRequest('GetUser', {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CognitoNetworkError);
    expect(toGatehouseError(failure, 'refresh', policy).code).toBe('service_unreachable');
  });
});

describe('prototype-chain names', () => {
  it.each(['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'])(
    'an exception named %s maps to a contract-valid internal error',
    (name) => {
      const error = toGatehouseError({ name, message: 'x' }, 'signIn', policy);
      expect(ipcErrorSchema.parse(error.toIpcError())).toMatchObject({ code: 'internal' });
    },
  );
});
