import {
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { unique } from '../support/stack.js';
import { AWS_DOCS, confirmedUser, describeStack, failure, type PoolUser, passwordSignIn } from './support.js';

/**
 * A user changing their own attributes (name, e-mail) with their access token, as the AWS SDK v3
 * sees it. The pool keeps the original e-mail until the new one is verified
 * (AttributesRequireVerificationBeforeUpdate), and clients never write `email_verified`.
 */

const held = describeStack({});

/** Signs in with a password; answers the access token. */
const signIn = async (login: string) =>
  (await passwordSignIn(held.client, held.stack, login)).AccessToken as string;

async function attributes(accessToken: string): Promise<Record<string, string>> {
  const { UserAttributes = [] } = await held.client.send(new GetUserCommand({ AccessToken: accessToken }));
  return Object.fromEntries(UserAttributes.map((a) => [a.Name ?? '', a.Value ?? '']));
}

/** Asks for `email` to become `newEmail`; answers the code mailed to the new address. */
async function requestEmailChange(accessToken: string, newEmail: string): Promise<string> {
  const answer = await held.client.send(
    new UpdateUserAttributesCommand({
      AccessToken: accessToken,
      UserAttributes: [{ Name: 'email', Value: newEmail }],
    }),
  );
  expect(answer.CodeDeliveryDetailsList).toEqual([
    {
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: expect.stringMatching(/^.\*\*\*@.\*\*\*$/),
    },
  ]);
  return held.stack.mailbox.latestCode(newEmail) as string;
}

describe('UpdateUserAttributes, VerifyUserAttribute, GetUserAttributeVerificationCode', () => {
  it(`a client cannot write email_verified (${AWS_DOCS.clientWriteAttributes}, WriteAttributes)`, async () => {
    const victim = await confirmedUser(held.client, held.stack, 'victim');
    const attacker = await confirmedUser(held.client, held.stack, 'attacker');
    const token = await signIn(attacker.username);
    const refused = await failure(
      held.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: token,
          UserAttributes: [
            { Name: 'email', Value: victim.email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      ),
    );
    expect(refused).toEqual({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
    // Nothing changed, and the victim's address still signs the victim in only.
    expect(await attributes(token)).toMatchObject({ email: attacker.email, email_verified: 'true' });
    expect(await attributes(await signIn(victim.email))).toMatchObject({ email: victim.email });
  });

  it(`a new e-mail waits for its code; the original stays until then (${AWS_DOCS.attributeUpdateSettings})`, async () => {
    const user = await confirmedUser(held.client, held.stack, 'mover');
    const newEmail = `${unique('moved')}@example.test`;
    const token = await signIn(user.username);
    const code = await requestEmailChange(token, newEmail);
    expect(code).toMatch(/^\d{6}$/);

    // Unverified: the old address is still the e-mail and the sign-in alias; the new one is neither.
    expect(await attributes(token)).toMatchObject({ email: user.email, email_verified: 'true' });
    await signIn(user.email);
    expect((await failure(signIn(newEmail))).name).toBe('NotAuthorizedException');

    // A wrong code changes nothing (${AWS_DOCS.verifyUserAttribute}, CodeMismatchException).
    const wrong = code === '000000' ? '111111' : '000000';
    expect(
      (
        await failure(
          held.client.send(
            new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: wrong }),
          ),
        )
      ).name,
    ).toBe('CodeMismatchException');

    await held.client.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: code }),
    );
    expect(await attributes(token)).toMatchObject({ email: newEmail, email_verified: 'true' });
    await signIn(newEmail);
    expect((await failure(signIn(user.email))).name).toBe('NotAuthorizedException');
  });

  it(`GetUserAttributeVerificationCode mails a new code for the waiting address (${AWS_DOCS.getUserAttributeVerificationCode})`, async () => {
    const user = await confirmedUser(held.client, held.stack, 'resend');
    const newEmail = `${unique('resent')}@example.test`;
    const token = await signIn(user.username);
    const first = await requestEmailChange(token, newEmail);
    const { CodeDeliveryDetails } = await held.client.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' }),
    );
    expect(CodeDeliveryDetails).toMatchObject({ AttributeName: 'email', DeliveryMedium: 'EMAIL' });
    const second = held.stack.mailbox.latestCode(newEmail) as string;
    // Only the newest code works (one outstanding code per user).
    if (first !== second) {
      expect(
        (
          await failure(
            held.client.send(
              new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: first }),
            ),
          )
        ).name,
      ).toBe('CodeMismatchException');
    }
    await held.client.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: second }),
    );
    expect(await attributes(token)).toMatchObject({ email: newEmail });
    // Verified already: nothing is waiting, so no code is sent.
    expect(
      (
        await failure(
          held.client.send(
            new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' }),
          ),
        )
      ).name,
    ).toBe('InvalidParameterException');
  });

  it(`an address another user holds as a verified alias is refused at verification (${AWS_DOCS.verifyUserAttribute}, AliasExistsException)`, async () => {
    const holder: PoolUser = await confirmedUser(held.client, held.stack, 'holder');
    const user = await confirmedUser(held.client, held.stack, 'claimer');
    const token = await signIn(user.username);
    const code = await requestEmailChange(token, holder.email);
    const refused = await failure(
      held.client.send(
        new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: code }),
      ),
    );
    expect(refused.name).toBe('AliasExistsException');
    expect(await attributes(token)).toMatchObject({ email: user.email, email_verified: 'true' });
    expect(await attributes(await signIn(holder.email))).toMatchObject({ email: holder.email });
  });

  it(`other attributes change at once (${AWS_DOCS.updateUserAttributes})`, async () => {
    const user = await confirmedUser(held.client, held.stack, 'renamer');
    const token = await signIn(user.username);
    const answer = await held.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: 'given_name', Value: 'Grace' }],
      }),
    );
    expect(answer.CodeDeliveryDetailsList ?? []).toEqual([]);
    expect(await attributes(token)).toMatchObject({ given_name: 'Grace', email: user.email });
  });
});
