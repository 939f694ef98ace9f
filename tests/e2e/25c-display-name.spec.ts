import { DISPLAY_NAME_LABEL } from '../../src/shared/messages';
import { expect, test } from './support/fixtures';
import { confirmWithCode, fillAnswers, newAccount, screen, signOut, signUp, snap } from './support/flows';

/**
 * One name (issue 25): the profile's name is a display name, shown to others and never used to
 * sign in, and it cannot be another account's sign-in name (the backend asks the pool with
 * AdminGetUser, https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html),
 * so nobody can pose as someone else. The home screen shows the two names apart.
 */
const answers = { role: 'Student', interests: ['Security'], newsletter: false };

test('a display name equal to another account’s sign-in name is refused in plain words; home shows both names apart', async ({
  app,
  mailbox,
}) => {
  // Newt shows another name than his sign-in name: no profile holds his sign-in name, only Cognito does.
  const newt = newAccount('newt');
  const newtSince = await signUp(app, newt);
  await confirmWithCode(app, mailbox, newt, newtSince);
  await fillAnswers(app, answers, `newt.${newt.username.slice(-8)}`);
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expect(screen(app, 'home')).toBeVisible();
  await signOut(app);

  const mallory = newAccount('mallory');
  const since = await signUp(app, mallory);
  await confirmWithCode(app, mailbox, mallory, since);
  await expect(screen(app, 'onboarding')).toBeVisible();
  await expect(screen(app, 'onboarding')).toContainText('Shown to others, not used to sign in.');

  // Newt's sign-in name as her display name: refused on the field, in words, with what she typed kept.
  await fillAnswers(app, answers, newt.username);
  await app.getByRole('button', { name: 'Save and continue' }).click();
  const onboarding = screen(app, 'onboarding');
  await expect(
    onboarding.getByText('That name is taken: another account uses it or signs in with it.'),
  ).toBeVisible();
  await expect(app.getByLabel(DISPLAY_NAME_LABEL)).toHaveValue(newt.username);
  await expect(app.getByLabel(DISPLAY_NAME_LABEL)).toHaveAttribute('aria-invalid', 'true');
  await expect(onboarding).not.toContainText(/Exception|409|username_taken/);
  await snap(app, 'display-name-refused');

  // A name nobody signs in with is hers to show.
  const display = `mal.${mallory.username.slice(-8)}`;
  await app.getByLabel(DISPLAY_NAME_LABEL).fill(display);
  await app.getByRole('button', { name: 'Save and continue' }).click();
  await expect(screen(app, 'home')).toBeVisible();
  await expect(app.getByTestId('profile-username')).toHaveText(display);
  await expect(app.getByTestId('profile-sign-in-name')).toContainText(mallory.username);
  await expect(app.getByTestId('profile')).toContainText(DISPLAY_NAME_LABEL);
  await expect(app.getByTestId('profile')).toContainText('Sign-in name');
  await snap(app, 'display-name-home');

  // The profile editor refuses it too.
  await app.getByRole('button', { name: 'Edit profile' }).click();
  await app.getByLabel(DISPLAY_NAME_LABEL).fill(newt.username);
  await app.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    screen(app, 'home').getByText('That name is taken: another account uses it or signs in with it.'),
  ).toBeVisible();
  await expect(app.getByLabel(DISPLAY_NAME_LABEL)).toHaveValue(newt.username);
});
