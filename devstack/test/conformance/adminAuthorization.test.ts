import {
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { callTarget } from '../support/stack.js';
import { AWS_DOCS, confirmedUser, describeStack, failure, PASSWORD } from './support.js';

/**
 * The devstack listens on loopback, which any web page the developer opens can reach. AWS serves
 * Admin*, List* and pool-management targets only to IAM-signed requests (AWS_DOCS.authorizationModels);
 * the devstack asks for a SigV4 signature (AWS_DOCS.sigV4) with the key pair it makes at every start,
 * and sends no CORS headers, so a page can neither read answers nor act as an administrator.
 */

const held = describeStack({});
const PAGE_ORIGIN = 'http://127.0.0.1:8000';

/** An SDK client with other credentials than the run's. */
function clientWith(accessKeyId: string, secretAccessKey: string) {
  return new CognitoIdentityProviderClient({
    region: held.stack.region,
    endpoint: `${held.stack.cognitoUrl}/`,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });
}

describe('what a web page on another loopback origin can do', () => {
  it('gets no CORS permission: no Access-Control-Allow-Origin on a preflight or on an answer', async () => {
    const preflight = await fetch(`${held.stack.cognitoUrl}/`, {
      method: 'OPTIONS',
      headers: {
        origin: PAGE_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    const answer = await fetch(`${held.stack.cognitoUrl}/`, {
      method: 'POST',
      headers: {
        origin: PAGE_ORIGIN,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: '{}',
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const jwks = await fetch(`${held.stack.cognitoUrl}/${held.stack.userPoolId}/.well-known/jwks.json`, {
      headers: { origin: PAGE_ORIGIN },
    });
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('cannot list users or set a password without a signature (MissingAuthenticationTokenException, 403)', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'exposed');
    const list = await callTarget(held.stack, 'ListUsers', { UserPoolId: held.stack.userPoolId });
    expect(list.status).toBe(403);
    expect(list.json.__type, AWS_DOCS.commonErrors).toBe('MissingAuthenticationTokenException');
    expect(JSON.stringify(list.json)).not.toContain(username);
    const reset = await callTarget(held.stack, 'AdminSetUserPassword', {
      UserPoolId: held.stack.userPoolId,
      Username: username,
      Password: 'Taken-0ver!',
      Permanent: true,
    });
    expect(reset.status).toBe(403);
    // The password did not change: the old one still signs in, the attacker's does not.
    const signIn = (password: string) =>
      held.client.send(
        new InitiateAuthCommand({
          ClientId: held.stack.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );
    expect((await signIn(PASSWORD)).AuthenticationResult?.AccessToken).toBeTruthy();
    expect((await failure(signIn('Taken-0ver!'))).name).toBe('NotAuthorizedException');
  });

  it('is refused with another key id (UnrecognizedClientException) or the wrong secret (InvalidSignatureException)', async () => {
    const { accessKeyId } = held.stack.adminCredentials;
    const stranger = clientWith('AKIDEVGUESSED0000000', 'not-the-secret');
    const wrongSecret = clientWith(accessKeyId, 'not-the-secret');
    try {
      const listUsers = new ListUsersCommand({ UserPoolId: held.stack.userPoolId });
      expect((await failure(stranger.send(listUsers))).name, AWS_DOCS.commonErrors).toBe(
        'UnrecognizedClientException',
      );
      expect((await failure(wrongSecret.send(listUsers))).name, AWS_DOCS.commonErrors).toBe(
        'InvalidSignatureException',
      );
    } finally {
      stranger.destroy();
      wrongSecret.destroy();
    }
  });

  it('a signature covers its request: the same signature over another body is refused', async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'signed');
    const tampering = clientWith(
      held.stack.adminCredentials.accessKeyId,
      held.stack.adminCredentials.secretAccessKey,
    );
    // After the SDK signed AdminGetUser for one user, name another (same length: Content-Length is signed too).
    const other = 'x'.repeat(username.length);
    type Next = (args: { request: unknown }) => Promise<unknown>;
    const swapBody = (next: Next) => async (args: { request: unknown }) => {
      const request = args.request as { body: string };
      request.body = request.body.replace(username, other);
      return next(args);
    };
    tampering.middlewareStack.addRelativeTo(swapBody as never, {
      relation: 'after',
      toMiddleware: 'httpSigningMiddleware',
      name: 'tamper',
    });
    try {
      const refused = await failure(
        tampering.send(new AdminGetUserCommand({ UserPoolId: held.stack.userPoolId, Username: username })),
      );
      expect(refused.name).toBe('InvalidSignatureException');
    } finally {
      tampering.destroy();
    }
  });

  it("the AWS SDK signing with the run's key pair (printed at start) is served, as AWS serves IAM callers", async () => {
    const { username } = await confirmedUser(held.client, held.stack, 'admin-ok');
    const listed = await held.client.send(
      new ListUsersCommand({ UserPoolId: held.stack.userPoolId, Filter: `username = "${username}"` }),
    );
    expect(listed.Users?.map((u) => u.Username)).toContain(username);
    await held.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: held.stack.userPoolId,
        Username: username,
        Password: 'Admin-Set-1!',
        Permanent: true,
      }),
    );
    const user = await held.client.send(
      new AdminGetUserCommand({ UserPoolId: held.stack.userPoolId, Username: username }),
    );
    expect(user.UserStatus, AWS_DOCS.adminGetUser).toBe('CONFIRMED');
  });
});
