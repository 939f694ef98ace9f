// `npm start`: the local stack on its default ports, then Gatehouse on it. With the Electron binary,
// the real app; without it (as on machines that cannot download it) and with a display, the same
// renderer and core in a Chromium window; with neither, the stack alone, saying why.
import { spawn } from 'node:child_process';
import { openAppWindow } from '../chromiumHost/appWindow';
import { attachCoreToPage } from '../chromiumHost/attachCore';
import { catchDeepLinks } from '../chromiumHost/deepLinkCatcher';
import { electronBinary } from '../chromiumHost/electronBinary';
import { createMainCore, realKeychain, showWhileStarting } from '../chromiumHost/mainCore';
import { stopOnSignals } from '../chromiumHost/shutdown';
import { serveStatic } from '../chromiumHost/staticServer';
import { windowFocusSignal } from '../chromiumHost/windowFocus';
import { describeLocalStack, startLocalStack } from '../devstack/localStack';
import { exitIfPortTaken } from '../devstack/portTaken';
import { createLogger, logFormatFrom } from '../src/main/core/log';
import { DEV_STACK, loopbackUrl } from '../src/shared/devDefaults';

const reset = process.argv.includes('--reset');
const stack = await startLocalStack({
  reset,
  log: (line) => console.log(`[devstack] ${line}`),
  apiLogFormat: logFormatFrom(process.env),
}).catch((error: unknown) => exitIfPortTaken(error, loopbackUrl(DEV_STACK.cognitoPort)));
const env = { ...process.env, ...stack.appEnv };
console.log(describeLocalStack(stack));
console.log(`  runtime                              Node ${process.version}\n`);

// What to close before the stack, in order (the Chromium window, the Electron child).
const closers: Array<() => Promise<unknown>> = [];
const stop = stopOnSignals(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await stack.stop();
});

const electron = electronBinary();
if (electron) {
  const app = spawn(electron, ['out/main/index.js'], { env, stdio: 'inherit' });
  closers.push(async () => {
    if (app.exitCode === null) app.kill('SIGTERM');
  });
  app.on('exit', (code) => void stop(code ?? 0));
} else if (process.env.DISPLAY) {
  console.log('The Electron binary is not installed here: opening Gatehouse in a Chromium window instead.');
  const log = createLogger((line) => console.log(line), undefined, logFormatFrom(process.env));
  const renderer = await serveStatic('out/renderer');
  const window = await openAppWindow();
  closers.push(() => window.close());
  const core = createMainCore({
    env,
    keychain: realKeychain(),
    log,
    focuses: await windowFocusSignal(window.page),
    // The "system browser" is an ordinary window of the same Chromium, beside the app window.
    openBrowser: async (url) => {
      const tab = await window.openBrowserPage();
      await catchDeepLinks(tab, stack.devstack.cognitoUrl, (link) => core.handleDeepLink(link));
      await tab.goto(url);
    },
  });
  // Closed before Chromium (closers run in reverse): a sign-in's keychain write ends first.
  closers.push(() => core.dispose());
  await attachCoreToPage({ core, page: window.page, rendererOrigin: renderer.origin, log });
  await showWhileStarting(core, () => window.page.goto(`${renderer.origin}/index.html`), log);
  window.onClosed(() => void stop());
} else {
  console.log(`No Electron binary and no display here, so no window can open. The stack above keeps running
for your own client or tools (Ctrl-C stops it). Where Electron can be installed, \`npm start\` opens the app.
To see the app on this machine, run \`npm run test:e2e\` and look at test-results/screenshots/.`);
}
