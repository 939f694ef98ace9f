import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { toGatehouseError } from '../../../../../src/main/core/accounts/cognitoErrors';
import { federatedCancelled, MESSAGES } from '../../../../../src/main/core/errors/messages';
import { parseRedirect } from '../../../../../src/main/core/hostedUi/deepLink';
import {
  authorizeError,
  tokenRequestUnansweredError,
} from '../../../../../src/main/core/hostedUi/oauthErrors';
import { channels, MAX_REDIRECT_URL_LENGTH } from '../../../../../src/shared/ipc/contract';

const POLICY = {
  minLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: false,
};

/** An axios failure with no HTTP answer, as a request to an unresolvable or closed host gives. */
const noAnswer = (code: string) => new AxiosError('request failed', code);

describe('one wording for what several flows say', () => {
  it.each([
    ['offline', 'ENOTFOUND', MESSAGES.offline],
    ['unreachable', 'ECONNREFUSED', MESSAGES.signInServiceUnreachable],
  ] as const)('the password and Google flows say %s the same way', (kind, errno, message) => {
    const password = toGatehouseError({ networkFailure: kind }, 'signIn', POLICY);
    const google = tokenRequestUnansweredError(noAnswer(errno), 'Google');
    expect(password.message).toBe(message);
    expect(google.message).toBe(message);
    expect(google.code).toBe(password.code);
  });

  it('a federated flow says "cancelled" with the shared words, naming its provider', () => {
    expect(authorizeError('access_denied', 'Microsoft').message).toBe(federatedCancelled('Microsoft'));
  });
});

describe('the redirect URL length limit', () => {
  it('is the same for a pasted URL (IPC contract) and a deep link (parseRedirect)', () => {
    const redirect = 'gatehouse://auth/callback';
    const prefix = `${redirect}?state=abc&code=`;
    const atLimit = `${prefix}${'a'.repeat(MAX_REDIRECT_URL_LENGTH - prefix.length)}`;
    const overLimit = `${atLimit}a`;
    expect(atLimit).toHaveLength(MAX_REDIRECT_URL_LENGTH);
    const pasted = channels['federated.completeFromUrl'].request;
    expect(pasted.safeParse({ url: atLimit }).success).toBe(true);
    expect(pasted.safeParse({ url: overLimit }).success).toBe(false);
    expect(parseRedirect(atLimit, redirect)).not.toEqual({ ok: false, reason: 'too_long' });
    expect(parseRedirect(overLimit, redirect)).toEqual({ ok: false, reason: 'too_long' });
  });
});
