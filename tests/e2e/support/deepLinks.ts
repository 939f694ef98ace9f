import type { Page } from '@playwright/test';

/**
 * Plays the OS's part for `gatehouse://` links the Hosted UI (at `hostedUiUrl`) sends the
 * system-browser page to: calls `onLink` with each one and leaves a "return to Gatehouse" page in
 * the tab, as a browser does once the OS took the link.
 *
 * Neither `page.route` nor request events can see this redirect: Playwright does not route redirect
 * hops, and the Hosted UI's redirect to `gatehouse://` ends a chain (fake Google `/auth` → 303 →
 * Hosted UI `/oauth2/idpresponse` → 302 → `gatehouse://`). So, as devstack/test/support/browser.ts
 * does, this pauses the Hosted UI's responses through the DevTools Fetch domain and looks at their
 * `Location`. Chromium only (the system browser is always Chromium here).
 */
export async function watchDeepLinks(
  page: Page,
  hostedUiUrl: string,
  onLink: (url: string) => unknown,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const ignoreClosed = () => {};
  cdp.on('Fetch.requestPaused', (event) => {
    const location = event.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
    if (location?.toLowerCase().startsWith('gatehouse:')) {
      void onLink(location);
      cdp
        .send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'content-type', value: 'text/html' }],
          body: Buffer.from(
            '<!doctype html><title>Gatehouse</title><p>You can return to Gatehouse now.</p>',
          ).toString('base64'),
        })
        .catch(ignoreClosed);
    } else {
      cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(ignoreClosed);
    }
  });
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: `${new URL(hostedUiUrl).origin}/*`, requestStage: 'Response' }],
  });
}
