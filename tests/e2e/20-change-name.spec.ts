import { expect, test } from './support/fixtures';
import { createOnboardedAccount, newAccount, screen, signIn, signOut, snap } from './support/flows';

const answers = { role: 'Student', interests: ['Cloud'], newsletter: false };

test('change the first name: greeted by the new name at once, and after signing in again', async ({
  app,
  mailbox,
}) => {
  const account = newAccount('rename');
  await createOnboardedAccount(app, mailbox, account, answers);
  const greeting = app.getByRole('heading', { level: 1 });
  await expect(greeting).toHaveText('Hello, Ada');
  await expect(app.getByTestId('given-name')).toHaveText('Ada');

  await app.getByRole('button', { name: 'Change name' }).click();
  const form = app.getByRole('form', { name: 'Change your first name' });
  const field = form.getByLabel('First name');
  await expect(field).toHaveValue('Ada');
  // Spaces only is no name: refused in plain words, nothing sent.
  await field.fill('   ');
  await field.press('Enter');
  await expect(form).toContainText('Enter your first name');
  await field.fill('Grace');
  await snap(app, 'home-change-name');
  await form.getByRole('button', { name: 'Save name' }).click();

  await expect(greeting).toHaveText('Hello, Grace');
  await expect(app.getByTestId('given-name')).toHaveText('Grace');
  await expect(app.getByText('Your name is changed.')).toBeVisible();

  // Cognito holds it: a new sign-in's ID token names Grace.
  await signOut(app);
  await signIn(app, account.username, account.password);
  await expect(screen(app, 'home')).toBeVisible();
  await expect(greeting).toHaveText('Hello, Grace');
});
