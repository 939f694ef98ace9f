import type { Page } from '@playwright/test';
import { readHandoffPage } from '../devstack/hostedUi/handoff';

/**
 * Plays the operating system's part for the Google leg: when the Hosted UI (at `hostedUiUrl`)
 * sends this browser page to `gatehouse://…`, the link goes to `onLink` (the app's deep-link
 * entry) and the tab keeps the page the Hosted UI showed, as a browser does once the OS took the link.
 *
 * The Hosted UI hands a browser back with a page that says what happened and follows the link by
 * a meta refresh (API clients get Cognito's 302, which this also handles). Neither `page.route`
 * nor request events see that hop, so the Hosted UI's responses are paused through the DevTools
 * Fetch domain, the link read from the `Location` header or the page, and the page shown without
 * its refresh (Chromium would only fail on the unknown scheme). Chromium only.
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
  const fulfil = (requestId: string, html: string) =>
    cdp
      .send('Fetch.fulfillRequest', {
        requestId,
        responseCode: 200,
        responseHeaders: [{ name: 'content-type', value: 'text/html;charset=UTF-8' }],
        body: Buffer.from(html).toString('base64'),
      })
      .catch(ignoreClosed);
  cdp.on('Fetch.requestPaused', (event) => {
    void (async () => {
      const header = (name: string) =>
        event.responseHeaders?.find((h) => h.name.toLowerCase() === name)?.value ?? '';
      const location = header('location');
      if (location.toLowerCase().startsWith(scheme)) {
        void onLink(location);
        await fulfil(event.requestId, '<!doctype html><title>Gatehouse</title><p>Back to Gatehouse.</p>');
        return;
      }
      if (event.responseStatusCode === 200 && header('content-type').startsWith('text/html')) {
        const { body, base64Encoded } = await cdp.send('Fetch.getResponseBody', {
          requestId: event.requestId,
        });
        const html = base64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
        const handoff = readHandoffPage(html);
        if (handoff?.link.toLowerCase().startsWith(scheme)) {
          void onLink(handoff.link);
          await fulfil(event.requestId, handoff.page);
          return;
        }
      }
      await cdp.send('Fetch.continueRequest', { requestId: event.requestId });
    })().catch(ignoreClosed);
  });
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: `${new URL(hostedUiUrl).origin}/*`, requestStage: 'Response' }],
  });
}
