import { expect, test } from './support/fixtures';
import { GOOGLE, screen, signInAtGoogle, snap, startGoogle } from './support/flows';

test('Cancel at Google → back to sign-in with a message; Cancel in the app → back to sign-in', async ({
  app,
  host,
  systemBrowser,
}) => {
  await startGoogle(app, host, systemBrowser);
  await systemBrowser.getByRole('button', { name: 'Cancel' }).click();

  // The browser's "access denied" redirect reaches the app as a deep link; the app says what happened.
  await expect(screen(app, 'sign-in')).toBeVisible();
  const notice = app.getByTestId('state-notice');
  await expect(notice).toContainText('Google sign-in was cancelled.');
  await snap(app, 'sign-in-google-cancelled');
  await notice.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(notice).toHaveCount(0);

  // Cancel from inside the app, while the browser is still open on Google.
  await startGoogle(app, host, systemBrowser);
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(screen(app, 'sign-in')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Continue with Google' })).toBeEnabled();

  // The stale tab is finished anyway: the browser cannot know the app stopped waiting, so the app
  // says it ignored that sign-in (and stays signed out).
  await signInAtGoogle(systemBrowser, GOOGLE.grace.email, GOOGLE.grace.password);
  await expect(notice).toContainText('Gatehouse ignored a sign-in from your browser');
  await expect(screen(app, 'sign-in')).toBeVisible();
  await snap(app, 'sign-in-stale-browser-tab');
});
