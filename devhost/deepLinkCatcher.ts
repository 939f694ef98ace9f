import type { Page } from '@playwright/test';

const RETURN_PAGE = '<!doctype html><title>Gatehouse</title><p>You can return to Gatehouse now.</p>';

/**
 * Plays the operating system's part for the Google leg: when the Hosted UI (at `hostedUiUrl`)
 * sends this browser page to `gatehouse://…`, the link goes to `onLink` (the app's deep-link
 * entry) and the tab shows the "return to the app" page a browser leaves behind.
 *
 * Neither `page.route` nor request events see that redirect: Playwright does not route redirect
 * hops, and the redirect ends a chain (fake Google → 303 → `/oauth2/idpresponse` → 302 →
 * `gatehouse://`). So the Hosted UI's responses are paused through the DevTools Fetch domain and
 * their `Location` read. Chromium only.
 */
export async function catchDeepLinks(
  page: Page,
  hostedUiUrl: string,
  onLink: (url: string) => unknown,
  scheme = 'gatehouse:',
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  // The page may close while a paused request is answered; that is not a failure.
  const ignoreClosed = () => {};
  cdp.on('Fetch.requestPaused', (event) => {
    const location = event.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
    if (!location?.toLowerCase().startsWith(scheme)) {
      cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(ignoreClosed);
      return;
    }
    void onLink(location);
    cdp
      .send('Fetch.fulfillRequest', {
        requestId: event.requestId,
        responseCode: 200,
        responseHeaders: [{ name: 'content-type', value: 'text/html' }],
        body: Buffer.from(RETURN_PAGE).toString('base64'),
      })
      .catch(ignoreClosed);
  });
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: `${new URL(hostedUiUrl).origin}/*`, requestStage: 'Response' }],
  });
}
