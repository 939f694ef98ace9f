/**
 * Renders the app icon set from the logo's own paths (src/renderer/src/components/Icons.tsx) with
 * Debian's headless Chromium: packaging/icons/<size>x<size>.png for Linux and packaging/icon.png
 * (1024 px, from which electron-builder makes the macOS .icns and the Windows .ico).
 * Run: `npm run icons` (re-run when the logo changes; the PNGs are committed).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATE_ARCH, GATE_BAR, SHIELD } from '../src/renderer/src/components/Icons';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ACCENT = '#2451c7';
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The logo on a rounded accent square, in the same 32×32 box as the in-app mark. */
function iconSvg(size: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">
  <rect x="1" y="1" width="30" height="30" rx="7" fill="${ACCENT}"/>
  <g transform="translate(3.2 3.2) scale(0.8)">
    <path d="${SHIELD}" fill="#ffffff" opacity="0.18"/>
    <path d="${SHIELD}" fill="none" stroke="#ffffff" stroke-width="2" stroke-linejoin="round"/>
    <path d="${GATE_ARCH}" fill="none" stroke="#ffffff" stroke-width="2"/>
    <path d="${GATE_BAR}" stroke="#ffffff" stroke-width="2"/>
  </g>
</svg>`;
}

/** Screenshots the SVG at exactly `size` px with a transparent background. */
function render(size: number, work: string): Buffer {
  const svg = join(work, `icon-${size}.svg`);
  const html = join(work, `icon-${size}.html`);
  const png = join(work, `icon-${size}.png`);
  writeFileSync(svg, iconSvg(size));
  writeFileSync(
    html,
    `<!doctype html><style>html,body{margin:0;background:transparent}</style><img src="icon-${size}.svg" width="${size}" height="${size}">`,
  );
  execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--default-background-color=00000000',
      `--window-size=${size},${size}`,
      `--screenshot=${png}`,
      `file://${html}`,
    ],
    { stdio: 'pipe', timeout: 60_000 },
  );
  const data = readFileSync(png);
  // PNG IHDR: width and height at bytes 16..24.
  if (data.readUInt32BE(16) !== size || data.readUInt32BE(20) !== size) {
    throw new Error(
      `chromium rendered ${data.readUInt32BE(16)}x${data.readUInt32BE(20)}, not ${size}x${size}`,
    );
  }
  return data;
}

const work = mkdtempSync(join(tmpdir(), 'gatehouse-icons-'));
try {
  mkdirSync(join(root, 'packaging/icons'), { recursive: true });
  for (const size of SIZES) {
    const png = render(size, work);
    writeFileSync(join(root, `packaging/icons/${size}x${size}.png`), png);
    if (size === 1024) writeFileSync(join(root, 'packaging/icon.png'), png);
    process.stdout.write(`icons: ${size}x${size} (${png.length} bytes)\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
