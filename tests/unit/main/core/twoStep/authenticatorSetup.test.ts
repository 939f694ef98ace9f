import decodeQR from 'qr/decode.js';
import { describe, expect, it } from 'vitest';
import { base32Decode, newTotpSecret } from '../../../../../lib/totp';
import {
  authenticatorSetup,
  groupSecret,
  otpauthUri,
  qrSvgDataUrl,
} from '../../../../../src/main/core/twoStep/authenticatorSetup';

/**
 * Reads the dark modules back out of the shipped SVG: one 1×1 subpath per module, each started by
 * an absolute `M x y` or a relative `m dx dy` (relative to the previous module, since `Z` returns there).
 */
function modulesOf(svg: string): { size: number; dark: boolean[][] } {
  const size = Number(svg.match(/viewBox="0 0 (\d+) \1"/)?.[1]);
  const dark = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of svg.matchAll(/([Mm])(-?\d+) (-?\d+)h1v1/g)) {
    x = command === 'M' ? Number(a) : x + Number(a);
    y = command === 'M' ? Number(b) : y + Number(b);
    const row = dark[y];
    if (row !== undefined) row[x] = true;
  }
  return { size, dark };
}

/** Rasterises QR modules (4 px each, white around) into RGBA pixels, as a camera would see them. */
function raster(matrix: boolean[][], scale = 4, quiet = 2) {
  const size = (matrix.length + 2 * quiet) * scale;
  const data = new Uint8Array(size * size * 4).fill(255);
  for (const [y, row] of matrix.entries()) {
    for (const [x, dark] of row.entries()) {
      if (!dark) continue;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + quiet) * scale + dy) * size + (x + quiet) * scale + dx) * 4;
          data.fill(0, i, i + 3);
        }
    }
  }
  return { width: size, height: size, data };
}

describe('authenticator setup', () => {
  const secret = newTotpSecret();

  it('otpauth URI: totp, label Gatehouse:<account> percent-encoded, secret and issuer parameters', () => {
    const uri = new URL(otpauthUri('ada@example.com', secret));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Gatehouse:ada@example.com');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Gatehouse');
    expect(otpauthUri('a b:c', 'S')).toBe('otpauth://totp/Gatehouse:a%20b%3Ac?secret=S&issuer=Gatehouse');
  });

  it('puts the authenticator’s name after the account, where apps show it; the issuer stays bare', () => {
    // Key Uri Format: the label is `issuer:account`, the issuer equal to the `issuer` parameter;
    // apps show the issuer as the title and the account under it.
    // https://github.com/google/google-authenticator/wiki/Key-Uri-Format
    const uri = new URL(otpauthUri('ada@example.com', secret, 'Ada’s phone'));
    expect(decodeURIComponent(uri.pathname)).toBe('/Gatehouse:ada@example.com (Ada’s phone)');
    expect(uri.searchParams.get('issuer')).toBe('Gatehouse');
    expect(uri.pathname).toContain('%20(Ada%E2%80%99s%20phone)');
    expect(decodeURIComponent(new URL(otpauthUri('ada@example.com', secret, '  ')).pathname)).toBe(
      '/Gatehouse:ada@example.com',
    );
    const { uri: labelled } = authenticatorSetup('ada@example.com', secret, 'Work phone');
    expect(decodeURIComponent(new URL(labelled).pathname)).toBe('/Gatehouse:ada@example.com (Work phone)');
  });

  it('groups the secret in fours; the groups decode to the same key', () => {
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    const grouped = groupSecret(secret);
    expect(grouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(base32Decode(grouped)).toEqual(base32Decode(secret));
  });

  it('the QR code data URL is an SVG whose modules, read by a QR decoder, give back the URI', () => {
    const { uri, qrDataUrl } = authenticatorSetup('ada@example.com', secret);
    expect(qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(qrDataUrl.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString(
      'utf8',
    );
    const { size, dark } = modulesOf(svg);
    expect(size).toBeGreaterThan(21);
    expect(decodeQR(raster(dark))).toBe(uri);
    expect(
      decodeQR(raster(modulesOf(Buffer.from(qrSvgDataUrl('other').slice(26), 'base64').toString()).dark)),
    ).toBe('other');
  });
});
