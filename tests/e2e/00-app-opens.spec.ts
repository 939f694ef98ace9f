import { expect, test } from './support/fixtures';
import { snap } from './support/flows';

test('the app opens and its first screen shows what main reports over IPC', async ({ app }) => {
  const info = app.getByTestId('app-info');
  await expect(info).toContainText('gatehouse');
  await expect(info).toContainText('devstack');
  await snap(app, 'first-screen');
});
