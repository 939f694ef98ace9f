import type { BrowserContext } from '@playwright/test';

const RETURN_PAGE = '<!doctype html><title>Gatehouse</title><p>You can return to Gatehouse now.</p>';

/**
 * Plays the operating system's part in the Google leg: when the Hosted UI (on `hostedUiOrigin`)
 * redirects the browser to `gatehouse://…`, the link is handed to `deliver` (the app's deep-link
 * entry) and the tab shows the "return to the app" page a real browser would leave behind.
 */
export async function catchDeepLinks(
  context: BrowserContext,
  hostedUiOrigin: string,
  deliver: (url: string) => Promise<void>,
): Promise<void> {
  const origin = new URL(hostedUiOrigin).origin;
  await context.route(
    (url) => url.origin === origin,
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers().location ?? '';
      if (!location.startsWith('gatehouse:')) return route.fulfill({ response });
      await deliver(location);
      return route.fulfill({ status: 200, contentType: 'text/html', body: RETURN_PAGE });
    },
  );
}
