// A stand-in for `npm start`'s Chromium-window mode: Chromium launched as start.ts launches it,
// stopped by stopOnSignals. Prints "ready" once the window is open.
import { launchChromium } from '../../../chromiumHost/chromium';
import { stopOnSignals } from '../../../chromiumHost/shutdown';

const browser = await launchChromium({ handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
await browser.newPage();
stopOnSignals(async () => {
  await browser.close();
});
console.log('ready');
