import {
  CompleteWebAuthnRegistrationCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserAuthFactorsCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../support/softAuthenticator.js';
import { unique } from '../support/stack.js';
import {
  accessTokenInNewPool,
  confirmedUser,
  describeStack,
  failure,
  passwordAccessToken,
} from './support.js';

/**
 * Passkey registration and management through the user-pool API, as the AWS SDK v3 sees it, with
 * a software authenticator standing in for the browser. Each expectation names the AWS page it
 * comes from.
 */
const DOCS = {
  start:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html',
  complete:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html',
  list: 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListWebAuthnCredentials.html',
  remove:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteWebAuthnCredential.html',
  description:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnCredentialDescription.html',
  config:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html',
  initiateAuth:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html',
  getUserAuthFactors:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html',
  respond:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html',
} as const;

const held = describeStack({});
/** The devstack's managed-login origin for passkeys (its relying party is `localhost`). */
let origin: string;

beforeAll(() => {
  origin = `http://localhost:${new URL(held.stack.cognitoUrl).port}`;
});

async function signedInUser(prefix: string): Promise<string> {
  const user = await confirmedUser(held.client, held.stack, prefix);
  return passwordAccessToken(held.client, held.stack, user.username);
}

// biome-ignore lint/suspicious/noExplicitAny: CredentialCreationOptions is an AWS document type (any JSON).
async function start(accessToken: string): Promise<any> {
  const { CredentialCreationOptions } = await held.client.send(
    new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }),
  );
  return CredentialCreationOptions;
}

async function list(accessToken: string, more: { MaxResults?: number; NextToken?: string } = {}) {
  return held.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, ...more }));
}

function complete(accessToken: string, credential: unknown) {
  return held.client.send(
    new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: credential as never }),
  );
}

describe('StartWebAuthnRegistration', () => {
  it('answers creation options for the signed-in user on the pool relying party, with a fresh challenge', async () => {
    const token = await signedInUser('pk-start');
    const options = await start(token);
    expect(options.rp.id, DOCS.config).toBe('localhost');
    expect(options.user.name, DOCS.start).toMatch(/^pk-start/);
    expect(options.challenge, DOCS.start).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(options.authenticatorSelection.residentKey, DOCS.start).toBe('required');
    expect(
      options.pubKeyCredParams.map((p: { alg: number }) => p.alg),
      DOCS.start,
    ).toContain(-7);
    expect((await start(token)).challenge, DOCS.start).not.toBe(options.challenge);
  });

  it('refuses a missing or bad access token with NotAuthorizedException', async () => {
    const bad = await failure(
      held.client.send(new StartWebAuthnRegistrationCommand({ AccessToken: 'not.a.token' })),
    );
    expect(bad.name, DOCS.start).toBe('NotAuthorizedException');
  });
});

describe('CompleteWebAuthnRegistration, ListWebAuthnCredentials, DeleteWebAuthnCredential', () => {
  it('registers a passkey, lists it with its description, deletes it; a second delete is ResourceNotFoundException', async () => {
    const token = await signedInUser('pk-life');
    const authenticator = new SoftAuthenticator();
    const made = authenticator.create(await start(token), origin);
    await complete(token, made);

    const { Credentials } = await list(token);
    expect(Credentials, DOCS.list).toHaveLength(1);
    const [listed] = Credentials ?? [];
    expect(listed?.CredentialId, DOCS.description).toBe(made.id);
    expect(listed?.RelyingPartyId, DOCS.description).toBe('localhost');
    expect(listed?.AuthenticatorAttachment, DOCS.description).toBe('platform');
    expect(listed?.AuthenticatorTransports, DOCS.description).toEqual(['internal']);
    expect(listed?.FriendlyCredentialName, DOCS.description).toBeTruthy();
    expect(listed?.CreatedAt, DOCS.description).toBeInstanceOf(Date);
    expect(Math.abs((listed?.CreatedAt?.getTime() ?? 0) - Date.now()), DOCS.description).toBeLessThan(60_000);

    // The same authenticator is excluded from a second registration (excludeCredentials).
    const again = await start(token);
    expect(
      again.excludeCredentials.map((c: { id: string }) => c.id),
      DOCS.start,
    ).toEqual([made.id]);

    await held.client.send(
      new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: made.id }),
    );
    expect((await list(token)).Credentials, DOCS.list).toEqual([]);
    const gone = await failure(
      held.client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: made.id })),
    );
    expect(gone.name, DOCS.remove).toBe('ResourceNotFoundException');
  });

  it("another user's passkey cannot be deleted (ResourceNotFoundException) and stays listed for its owner", async () => {
    const owner = await signedInUser('pk-owner');
    const other = await signedInUser('pk-other');
    const made = new SoftAuthenticator().create(await start(owner), origin);
    await complete(owner, made);
    const refused = await failure(
      held.client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: other, CredentialId: made.id })),
    );
    expect(refused.name, DOCS.remove).toBe('ResourceNotFoundException');
    expect(
      (await list(owner)).Credentials?.map((c) => c.CredentialId),
      DOCS.list,
    ).toEqual([made.id]);
  });

  it('without a started registration, or answering one twice → WebAuthnChallengeNotFoundException', async () => {
    const token = await signedInUser('pk-nochal');
    const authenticator = new SoftAuthenticator();
    const orphan = authenticator.create(
      { challenge: 'bm90LWEtY2hhbGxlbmdl', rp: {}, user: { id: 'dQ' } },
      origin,
    );
    expect((await failure(complete(token, orphan))).name, DOCS.complete).toBe(
      'WebAuthnChallengeNotFoundException',
    );

    const made = authenticator.create(await start(token), origin);
    await complete(token, made);
    expect((await failure(complete(token, made))).name, DOCS.complete).toBe(
      'WebAuthnChallengeNotFoundException',
    );
  });

  it('a response from an origin off the relying party → WebAuthnOriginNotAllowedException, nothing stored', async () => {
    const token = await signedInUser('pk-origin');
    const authenticator = new SoftAuthenticator();
    for (const elsewhere of [`http://127.0.0.1:${new URL(origin).port}`, 'https://evil.example']) {
      const made = authenticator.create(await start(token), elsewhere, 'localhost');
      expect((await failure(complete(token, made))).name, DOCS.complete).toBe(
        'WebAuthnOriginNotAllowedException',
      );
    }
    expect((await list(token)).Credentials, DOCS.list).toEqual([]);
  });

  it('a passkey made for another relying party → WebAuthnRelyingPartyMismatchException, nothing stored', async () => {
    const token = await signedInUser('pk-rp');
    const made = new SoftAuthenticator().create(await start(token), origin, 'example.com');
    expect((await failure(complete(token, made))).name, DOCS.complete).toBe(
      'WebAuthnRelyingPartyMismatchException',
    );
    expect((await list(token)).Credentials, DOCS.list).toEqual([]);
  });

  it('a response to another challenge is refused and nothing stored', async () => {
    const token = await signedInUser('pk-chal');
    const options = await start(token);
    const made = new SoftAuthenticator().create({ ...options, challenge: 'YW5vdGhlci1jaGFsbGVuZ2U' }, origin);
    expect((await failure(complete(token, made))).name, DOCS.complete).toBe('InvalidParameterException');
    expect((await list(token)).Credentials, DOCS.list).toEqual([]);
  });

  it('pages with MaxResults/NextToken and refuses MaxResults above 20', async () => {
    const token = await signedInUser('pk-page');
    const authenticator = new SoftAuthenticator();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const made = authenticator.create(await start(token), origin);
      await complete(token, made);
      ids.push(made.id);
    }
    const first = await list(token, { MaxResults: 2 });
    expect(
      first.Credentials?.map((c) => c.CredentialId),
      DOCS.list,
    ).toEqual(ids.slice(0, 2));
    expect(first.NextToken, DOCS.list).toBeTruthy();
    const second = await list(token, { MaxResults: 2, NextToken: first.NextToken as string });
    expect(
      second.Credentials?.map((c) => c.CredentialId),
      DOCS.list,
    ).toEqual(ids.slice(2));
    expect(second.NextToken, DOCS.list).toBeUndefined();
    expect((await failure(list(token, { MaxResults: 21 }))).name, DOCS.list).toBe(
      'InvalidParameterException',
    );
  });
});

describe('a pool without passkeys as a first factor', () => {
  it('StartWebAuthnRegistration → WebAuthnNotEnabledException', async () => {
    const refused = await failure(start(await accessTokenInNewPool(held.client, 'pk-off')));
    expect(refused.name, DOCS.start).toBe('WebAuthnNotEnabledException');
  });
});

describe('USER_AUTH with a passkey (WEB_AUTHN challenge, CREDENTIAL answer)', () => {
  function startPasskeySignIn(username: string) {
    return held.client.send(
      new InitiateAuthCommand({
        ClientId: held.stack.clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
      }),
    );
  }

  function answer(username: string, session: string | undefined, credential: unknown) {
    return held.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: held.stack.clientId,
        ChallengeName: 'WEB_AUTHN',
        Session: session,
        ChallengeResponses: { USERNAME: username, CREDENTIAL: JSON.stringify(credential) },
      }),
    );
  }

  async function userWithPasskey(prefix: string) {
    const user = await confirmedUser(held.client, held.stack, prefix);
    const token = await passwordAccessToken(held.client, held.stack, user.username);
    const authenticator = new SoftAuthenticator();
    const made = authenticator.create(await start(token), origin);
    await complete(token, made);
    return { ...user, token, authenticator, credentialId: made.id };
  }

  it('signs in with the registered passkey; the session answers once', async () => {
    const user = await userWithPasskey('pk-auth');
    const started = await startPasskeySignIn(user.username);
    expect(started.ChallengeName, DOCS.initiateAuth).toBe('WEB_AUTHN');
    const options = JSON.parse(started.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? '{}');
    expect(options.rpId, DOCS.initiateAuth).toBe('localhost');
    expect(
      options.allowCredentials.map((c: { id: string }) => c.id),
      DOCS.initiateAuth,
    ).toEqual([user.credentialId]);

    const assertion = user.authenticator.get(options, origin);
    const done = await answer(user.username, started.Session, assertion);
    expect(decodeJwt(done.AuthenticationResult?.IdToken as string)['cognito:username'], DOCS.respond).toBe(
      user.username,
    );
    const again = await failure(answer(user.username, started.Session, assertion));
    expect(again.name, DOCS.respond).toBe('NotAuthorizedException');
  });

  it("another user's passkey, or a removed one, does not sign in (NotAuthorizedException)", async () => {
    const owner = await userWithPasskey('pk-auth-own');
    const other = await userWithPasskey('pk-auth-oth');
    const started = await startPasskeySignIn(owner.username);
    const options = JSON.parse(started.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? '{}');
    const foreign = other.authenticator.get({ ...options, allowCredentials: [] }, origin);
    expect((await failure(answer(owner.username, started.Session, foreign))).name, DOCS.respond).toBe(
      'NotAuthorizedException',
    );

    // A challenge started while the passkey existed, answered after it was removed.
    const next = await startPasskeySignIn(owner.username);
    const nextOptions = JSON.parse(next.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? '{}');
    await held.client.send(
      new DeleteWebAuthnCredentialCommand({ AccessToken: owner.token, CredentialId: owner.credentialId }),
    );
    const removed = owner.authenticator.get(nextOptions, origin);
    expect((await failure(answer(owner.username, next.Session, removed))).name, DOCS.respond).toBe(
      'NotAuthorizedException',
    );
    // Without a passkey, WEB_AUTHN is no longer offered: a preferred WEB_AUTHN falls back to SELECT_CHALLENGE.
    const after = await startPasskeySignIn(owner.username);
    expect(after.ChallengeName, DOCS.initiateAuth).toBe('SELECT_CHALLENGE');
    expect(after.AvailableChallenges, DOCS.initiateAuth).not.toContain('WEB_AUTHN');
  });

  it('AvailableChallenges and GetUserAuthFactors offer WEB_AUTHN to a user with a passkey only', async () => {
    const withKey = await userWithPasskey('pk-offer');
    const without = await confirmedUser(held.client, held.stack, 'pk-nooffer');
    const offered = await held.client.send(
      new InitiateAuthCommand({
        ClientId: held.stack.clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: withKey.username },
      }),
    );
    expect(offered.ChallengeName, DOCS.initiateAuth).toBe('SELECT_CHALLENGE');
    expect(offered.AvailableChallenges, DOCS.initiateAuth).toContain('WEB_AUTHN');
    const notOffered = await held.client.send(
      new InitiateAuthCommand({
        ClientId: held.stack.clientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: without.username },
      }),
    );
    expect(notOffered.AvailableChallenges, DOCS.initiateAuth).not.toContain('WEB_AUTHN');
    const factors = await held.client.send(new GetUserAuthFactorsCommand({ AccessToken: withKey.token }));
    expect(factors.ConfiguredUserAuthFactors, DOCS.getUserAuthFactors).toContain('WEB_AUTHN');
    const noKeyToken = await passwordAccessToken(held.client, held.stack, without.username);
    const noFactors = await held.client.send(new GetUserAuthFactorsCommand({ AccessToken: noKeyToken }));
    expect(noFactors.ConfiguredUserAuthFactors, DOCS.getUserAuthFactors).not.toContain('WEB_AUTHN');
  });

  it('an unknown user gets the same WEB_AUTHN challenge (no account enumeration)', async () => {
    const started = await startPasskeySignIn(unique('nobody'));
    expect(started.ChallengeName, DOCS.initiateAuth).toBe('WEB_AUTHN');
    expect(started.Session, DOCS.initiateAuth).toBeTruthy();
  });
});
