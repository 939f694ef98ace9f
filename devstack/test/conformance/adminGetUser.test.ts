import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { AWS_DOCS, confirmedUser, describeStack, failure } from './support.js';

/**
 * AdminGetUser finds a user the way the pool identifies them (AWS_DOCS.adminGetUser): "Username …
 * can be any of their alias attributes", and in a pool with case-insensitive usernames
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-case-sensitivity.html) any
 * case of the username. The backend's one-name check relies on it.
 */

const held = describeStack({});

describe(`AdminGetUser (${AWS_DOCS.adminGetUser})`, () => {
  it('finds a user by the username in another case and by the verified e-mail, answering the stored username', async () => {
    const user = await confirmedUser(held.client, held.stack, 'CapsUser');
    const poolId = held.stack.userPoolId;
    for (const name of [
      user.username,
      user.username.toLowerCase(),
      user.username.toUpperCase(),
      user.email,
    ]) {
      const found = await held.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: name }));
      expect(found.Username).toBe(user.username);
    }
  });

  it('answers UserNotFoundException for a name nobody has', async () => {
    const error = await failure(
      held.client.send(
        new AdminGetUserCommand({ UserPoolId: held.stack.userPoolId, Username: 'nobody-here-1' }),
      ),
    );
    expect(error.name).toBe('UserNotFoundException');
  });
});
