import {
  AdminDisableProviderForUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  ListUsersCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { authorizeUrl, captureAppRedirect, describeBrowser, pkcePair, postForm } from '../support/browser.js';
import { unique } from '../support/stack.js';
import { confirmedUser, describeStack, failure, PASSWORD, passwordSignIn } from './support.js';

/**
 * Linking a federated identity to a password user, judged by the AWS SDK v3 against:
 * - AdminLinkProviderForUser: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminLinkProviderForUser.html
 *   ("Amazon Cognito returns this [destination] user when the new user (with the linked IdP attribute) signs in";
 *   the source is "an external IdP account for a user who doesn't exist yet in the user pool"; at most five).
 * - AdminDisableProviderForUser: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableProviderForUser.html
 *   ("If the user to deactivate is a linked external IdP user, any link between that user and an existing user is removed").
 * - Linking federated users: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html
 * - The pre-sign-up trigger: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html
 *   (`PreSignUp_ExternalProvider`, `PreSignUp_SignUp`; a thrown error refuses the sign-up as
 *   UserLambdaValidationException "PreSignUp failed with error …").
 * The first sign-in whose trigger links fails once with "Already found an entry for username
 * <Provider>_<id>" (Cognito's known behaviour, amplify-flutter #1716, amplify-js #11565); the next one
 * lands on the linked user.
 */

const held = describeStack({});
const chromium = describeBrowser();

/** One round trip through the Hosted UI and a provider's form; the app redirect it ends with. */
async function federatedSignIn(provider: string, email: string, password: string) {
  const { stack } = held;
  const { verifier, challenge } = pkcePair();
  const context = await chromium.browser.newContext();
  try {
    const page = await context.newPage();
    const appRedirect = await captureAppRedirect(page, stack);
    await page.goto(
      authorizeUrl(stack, {
        identity_provider: provider,
        state: unique('s-'),
        code_challenge: challenge,
        scope: 'openid email profile aws.cognito.signin.user.admin',
      }),
    );
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.getByRole('button', { name: 'Next' }).click();
    const url = await appRedirect();
    const code = url.searchParams.get('code');
    if (code === null)
      return { error: url.searchParams.get('error'), description: url.searchParams.get('error_description') };
    const { json } = await postForm(`${stack.cognitoUrl}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: stack.clientId,
      code,
      redirect_uri: stack.redirectUri,
      code_verifier: verifier,
    });
    return { idToken: json.id_token as string, accessToken: json.access_token as string };
  } finally {
    await context.close();
  }
}

/** A confirmed password user with this e-mail (verified by its mailed code). */
const passwordUser = async (email: string) =>
  (await confirmedUser(held.client, held.stack, 'link-', 'Native', email)).username;

const usersWith = async (email: string) =>
  (
    await held.client.send(
      new ListUsersCommand({ UserPoolId: held.stack.userPoolId, Filter: `email = "${email}"` }),
    )
  ).Users ?? [];

describe('a verified Google e-mail equal to a password user’s links the two (pre-sign-up trigger)', () => {
  let username: string;
  let first: Awaited<ReturnType<typeof federatedSignIn>>;
  let second: Awaited<ReturnType<typeof federatedSignIn>>;

  beforeAll(async () => {
    username = await passwordUser('grace@gmail.test');
    first = await federatedSignIn('Google', 'grace@gmail.test', 'grace-password-1');
    second = await federatedSignIn('Google', 'grace@gmail.test', 'grace-password-1');
  });

  it('the sign-in that links fails once, as Cognito does, and creates no second user', async () => {
    expect(first).toMatchObject({ error: 'invalid_request' });
    expect((first as { description: string }).description).toMatch(
      /^Already found an entry for username Google_\w+$/,
    );
    const users = await usersWith('grace@gmail.test');
    expect(users.map((u) => u.Username)).toEqual([username]);
  });

  it('the next Google sign-in yields the password user’s sub, cognito:username and an identities claim', async () => {
    const { client, stack } = held;
    const native = decodeJwt((await passwordSignIn(client, stack, username)).IdToken as string);
    const google = decodeJwt((second as { idToken: string }).idToken);
    expect(google.sub).toBe(native.sub);
    expect(google['cognito:username']).toBe(username);
    expect(google.identities).toEqual([
      expect.objectContaining({
        providerName: 'Google',
        providerType: 'Google',
        primary: 'false',
        issuer: null,
      }),
    ]);
    const user = await client.send(
      new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: username }),
    );
    expect(user.UserStatus).toBe('CONFIRMED');
  });

  it('one user, so GlobalSignOut from the Google sign-in ends the password sign-in too', async () => {
    const { client, stack } = held;
    const password = await passwordSignIn(client, stack, username);
    const google = await federatedSignIn('Google', 'grace@gmail.test', 'grace-password-1');
    await client.send(
      new GlobalSignOutCommand({ AccessToken: (google as { accessToken: string }).accessToken }),
    );
    expect(
      await failure(client.send(new GetUserCommand({ AccessToken: password.AccessToken as string }))),
    ).toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('AdminLinkProviderForUser refuses an identity already linked, and an unknown destination', async () => {
    const { client, stack } = held;
    const googleSub = (
      decodeJwt((second as { idToken: string }).idToken).identities as { userId: string }[]
    )[0]?.userId;
    const link = (destination: string, userId: string) =>
      client.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: stack.userPoolId,
          DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: destination },
          SourceUser: {
            ProviderName: 'Google',
            ProviderAttributeName: 'Cognito_Subject',
            ProviderAttributeValue: userId,
          },
        }),
      );
    expect(await failure(link(username, googleSub as string))).toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(await failure(link(unique('nobody-'), 'never-signed-in'))).toMatchObject({
      name: 'UserNotFoundException',
    });
  });

  it('AdminDisableProviderForUser removes the link from the password user', async () => {
    const { client, stack } = held;
    const googleSub = (
      decodeJwt((second as { idToken: string }).idToken).identities as { userId: string }[]
    )[0]?.userId;
    await client.send(
      new AdminDisableProviderForUserCommand({
        UserPoolId: stack.userPoolId,
        User: {
          ProviderName: 'Google',
          ProviderAttributeName: 'Cognito_Subject',
          ProviderAttributeValue: googleSub,
        },
      }),
    );
    const user = await client.send(
      new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: username }),
    );
    expect(user.UserAttributes?.find((a) => a.Name === 'identities')).toBeUndefined();
  });
});

describe('no link on an e-mail the provider does not assert verified', () => {
  it('Mallory (Microsoft, unverified, Ada’s address) becomes a user of her own; Ada’s account is untouched', async () => {
    const { client, stack } = held;
    const ada = await passwordUser('ada@gmail.test');
    const mallory = await federatedSignIn('Microsoft', 'ada@gmail.test', 'mallory-password-1');
    const claims = decodeJwt((mallory as { idToken: string }).idToken);
    const native = decodeJwt((await passwordSignIn(client, stack, ada)).IdToken as string);
    expect(claims.sub).not.toBe(native.sub);
    expect(claims['cognito:username']).toMatch(/^Microsoft_/);
    expect(claims.email_verified).toBe(false);
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: ada }));
    expect(user.UserAttributes?.find((a) => a.Name === 'identities')).toBeUndefined();
  });
});

describe('a password sign-up for an e-mail an account holds is refused by the trigger', () => {
  it('answers UserLambdaValidationException naming how that account signs in, and creates nobody', async () => {
    const { client, stack } = held;
    const username = unique('dup-');
    const attempt = client.send(
      new SignUpCommand({
        ClientId: stack.clientId,
        Username: username,
        Password: PASSWORD,
        UserAttributes: [
          { Name: 'email', Value: 'ada@gmail.test' },
          { Name: 'given_name', Value: 'Twin' },
        ],
      }),
    );
    expect(await failure(attempt)).toEqual({
      name: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error EMAIL_IN_USE:Password.',
    });
    expect((await usersWith('ada@gmail.test')).map((u) => u.Username)).not.toContain(username);
  });
});
