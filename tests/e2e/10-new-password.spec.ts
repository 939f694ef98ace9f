import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DISPLAY_NAME_LABEL } from '../../src/shared/messages';
import { e2eAdminClient } from './support/admin';
import { expect, test } from './support/fixtures';
import { newAccount, STRONG_PASSWORD, screen, signIn, snap } from './support/flows';

/**
 * Creates a user the way an administrator does: a temporary password the user must replace.
 * AdminCreateUser is IAM-authorized, so it is signed with the run's devstack key pair.
 */
async function adminCreateUser(
  cognitoUrl: string,
  username: string,
  email: string,
  temporaryPassword: string,
) {
  const client = e2eAdminClient(cognitoUrl);
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: process.env.GATEHOUSE_USER_POOL_ID,
        Username: username,
        TemporaryPassword: temporaryPassword,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'given_name', Value: 'Ada' },
        ],
      }),
    );
  } finally {
    client.destroy();
  }
}

// Beyond the nine specs of the issue: the one screen they do not reach.
test('an account created with a temporary password → choose a new password → onboarding', async ({
  app,
  stack,
}) => {
  const account = newAccount('temp');
  await adminCreateUser(stack.cognitoUrl, account.username, account.email, 'Temp-Pass-123');

  await signIn(app, account.username, 'Temp-Pass-123');
  await expect(screen(app, 'new-password')).toBeVisible();
  await expect(app.getByLabel('New password', { exact: true })).toBeFocused();

  // The checklist shows, as the user types, what the pool's policy still asks for.
  await app.getByLabel('New password', { exact: true }).fill('weakweak');
  const checklist = app.getByRole('list', { name: 'Password requirements' });
  await expect(checklist.getByRole('listitem').filter({ hasText: 'An uppercase letter' })).toContainText(
    '(not yet)',
  );
  await expect(checklist.getByRole('listitem').filter({ hasText: 'At least 8 characters' })).toContainText(
    '(done)',
  );
  await snap(app, 'new-password');

  await app.getByLabel('New password', { exact: true }).fill(STRONG_PASSWORD);
  await app.getByLabel('New password', { exact: true }).press('Enter');
  await expect(screen(app, 'onboarding')).toBeVisible();
  await expect(app.getByLabel(DISPLAY_NAME_LABEL)).toHaveValue(account.username);
});
