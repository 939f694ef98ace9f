/**
 * Federation with Facebook, Sign in with Apple and Login with Amazon through their fakes, as
 * Cognito does it for its social providers: the Hosted UI sends the browser to the provider named
 * by `identity_provider` (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html),
 * redeems the provider's code at `/oauth2/idpresponse`, maps the provider's attributes onto
 * `<ProviderName>_<id>` (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html)
 * and names the provider and its type in the ID token's `identities`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html).
 */
import {
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from '@playwright/test';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { describeStack } from '../conformance/support.js';
import { adminClient } from '../support/adminClient.js';
import { authorizeUrl, captureAppRedirect, describeBrowser, pkcePair, postForm } from '../support/browser.js';
import { unique } from '../support/stack.js';

const held = describeStack({});
const chromium = describeBrowser();

type Answer = { id: JWTPayload; accessToken: string } | { error: URLSearchParams };

/**
 * Hosted UI → the provider's page (Enter submits, or Cancel) → back to the app; the pool's ID token
 * for the code, or the error the app's redirect URI received.
 */
async function federatedSignIn(
  provider: string,
  providerUrl: string,
  login: { email: string; password: string } | 'cancel',
): Promise<Answer> {
  const { verifier, challenge } = pkcePair();
  const context = await chromium.browser.newContext();
  try {
    const page: Page = await context.newPage();
    const appRedirect = await captureAppRedirect(page, held.stack);
    await page.goto(
      authorizeUrl(held.stack, {
        identity_provider: provider,
        // The app's scopes: aws.cognito.signin.user.admin lets the access token verify an attribute.
        scope: 'openid email profile aws.cognito.signin.user.admin',
        state: unique('state-'),
        code_challenge: challenge,
      }),
    );
    expect(page.url().startsWith(providerUrl)).toBe(true);
    if (login === 'cancel') {
      await page.getByRole('button', { name: 'Cancel' }).click();
    } else {
      await page.locator('input[name=email]').fill(login.email);
      await page.locator('input[name=password]').fill(login.password);
      await page.locator('input[name=password]').press('Enter');
    }
    const url = await appRedirect();
    if (url.searchParams.has('error')) return { error: url.searchParams };
    const { status, json } = await postForm(`${held.stack.cognitoUrl}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: held.stack.clientId,
      code: url.searchParams.get('code') ?? '',
      redirect_uri: held.stack.redirectUri,
      code_verifier: verifier,
    });
    expect(status).toBe(200);
    const jwks = createRemoteJWKSet(new URL(`${held.stack.issuer}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(String(json.id_token), jwks, {
      issuer: held.stack.issuer,
      audience: held.stack.clientId,
    });
    return { id: payload, accessToken: String(json.access_token) };
  } finally {
    await context.close();
  }
}

function idOf(answer: Answer): JWTPayload {
  if ('error' in answer) throw new Error(`sign-in failed: ${answer.error.toString()}`);
  return answer.id;
}

const verified = (id: JWTPayload) => id.email_verified === true || id.email_verified === 'true';

describe('Hosted UI: Facebook, Apple and Amazon round trips in Chromium', () => {
  it('Facebook: Graph /me fields map onto Facebook_<id>, and the e-mail stays unverified', async () => {
    const id = idOf(
      await federatedSignIn('Facebook', held.stack.facebookUrl, {
        email: 'margaret@facebook.test',
        password: 'margaret-password-1',
      }),
    );
    // Cognito names Facebook users `Facebook_<id>`, `id` being Graph's app-scoped user id.
    expect(id['cognito:username']).toBe('Facebook_10229384756102938');
    expect(id.identities).toMatchObject([
      { providerName: 'Facebook', providerType: 'Facebook', userId: '10229384756102938' },
    ]);
    expect(id).toMatchObject({
      email: 'margaret@facebook.test',
      given_name: 'Margaret',
      family_name: 'Hamilton',
    });
    // Facebook asserts no verification; a mapped e-mail is unverified by default (attribute-mapping page above).
    expect(verified(id)).toBe(false);
  });

  it('Facebook: the unverified e-mail is confirmed with a mailed code, and the next sign-in maps it unverified again', async () => {
    const radia = { email: 'radia@facebook.test', password: 'radia-password-1' };
    const first = await federatedSignIn('Facebook', held.stack.facebookUrl, radia);
    if ('error' in first) throw new Error(`sign-in failed: ${first.error.toString()}`);
    expect(verified(first.id)).toBe(false);
    const client = adminClient(held.stack);
    const { accessToken } = first;
    // A signed-in user (a federated one too) asks for a code for an unverified e-mail and submits it
    // with their access token (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html,
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html).
    const sent = await client.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: 'email' }),
    );
    expect(sent.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const code = held.stack.mailbox.latestCode(radia.email);
    if (code === undefined) throw new Error('no code mailed');
    await client.send(
      new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'email', Code: code }),
    );
    const user = await client.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    // "Amazon Cognito updates each mapped attribute, even if its current value already matches the
    // latest information" (attribute-mapping page above): the mapped e-mail is written again, and a
    // written e-mail with no mapped verification is unverified, so the confirmation does not outlive
    // the next sign-in (as aws-amplify/amplify-ui#318 reports of real pools).
    const again = idOf(await federatedSignIn('Facebook', held.stack.facebookUrl, radia));
    expect(again.email).toBe(radia.email);
    expect(verified(again)).toBe(false);
  });

  it('Facebook: Cancel comes back to the app as access_denied (the dialog’s user_denied)', async () => {
    const answer = await federatedSignIn('Facebook', held.stack.facebookUrl, 'cancel');
    expect('error' in answer && answer.error.get('error')).toBe('access_denied');
  });

  it('Apple: form_post leg; the first authorization’s name is kept, the relay address is verified', async () => {
    const first = idOf(
      await federatedSignIn('SignInWithApple', held.stack.appleUrl, {
        email: 'joan@icloud.test',
        password: 'joan-password-1',
      }),
    );
    expect(first['cognito:username']).toBe('SignInWithApple_001234.5f3e9a1c2b7d4e6f8a0b1c2d3e4f5a6b.1234');
    expect(first.identities).toMatchObject([
      { providerName: 'SignInWithApple', providerType: 'SignInWithApple' },
    ]);
    // The hidden address, not the Apple ID's; Apple's string "true" maps to a verified e-mail.
    expect(first).toMatchObject({
      email: 'k2xq7m9pdz@privaterelay.appleid.com',
      given_name: 'Joan',
      family_name: 'Clarke',
    });
    expect(verified(first)).toBe(true);
    // Apple sends the name only the first time; the second sign-in keeps what the first mapped.
    const second = idOf(
      await federatedSignIn('SignInWithApple', held.stack.appleUrl, {
        email: 'joan@icloud.test',
        password: 'joan-password-1',
      }),
    );
    expect(second).toMatchObject({ given_name: 'Joan', family_name: 'Clarke' });
  });

  it('Apple: boolean email_verified maps the same way as the string form', async () => {
    const id = idOf(
      await federatedSignIn('SignInWithApple', held.stack.appleUrl, {
        email: 'dorothy@icloud.test',
        password: 'dorothy-password-1',
      }),
    );
    expect(id).toMatchObject({ email: 'dorothy@icloud.test', given_name: 'Dorothy' });
    expect(verified(id)).toBe(true);
  });

  it('Apple: Cancel comes back as user_cancelled_authorize', async () => {
    const answer = await federatedSignIn('SignInWithApple', held.stack.appleUrl, 'cancel');
    expect('error' in answer && answer.error.get('error')).toBe('user_cancelled_authorize');
  });

  it('Amazon: the profile’s user_id is the sub, its name the given name, its e-mail unverified', async () => {
    const id = idOf(
      await federatedSignIn('LoginWithAmazon', held.stack.amazonUrl, {
        email: 'frances@amazon.test',
        password: 'frances-password-1',
      }),
    );
    expect(id['cognito:username']).toBe('LoginWithAmazon_amzn1.account.AFQ3GHTW6L2YJ4KOBSEXAMPLE1');
    expect(id.identities).toMatchObject([
      { providerName: 'LoginWithAmazon', providerType: 'LoginWithAmazon' },
    ]);
    expect(id).toMatchObject({ email: 'frances@amazon.test', given_name: 'Frances Allen' });
    expect(verified(id)).toBe(false);
  });

  it('Amazon: Cancel comes back as access_denied', async () => {
    const answer = await federatedSignIn('LoginWithAmazon', held.stack.amazonUrl, 'cancel');
    expect('error' in answer && answer.error.get('error')).toBe('access_denied');
  });
});
