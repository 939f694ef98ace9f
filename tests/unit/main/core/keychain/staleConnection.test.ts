import { describe, expect, it } from 'vitest';
import { isStaleConnection } from '../../../../../src/main/core/keychain/staleConnection';

// The messages keytar reported in tests/integration/main/core/keychainRestart.test.ts (gnome-keyring 46).
describe('isStaleConnection', () => {
  it.each([
    'The name :1.0 was not provided by any .service files',
    'The name :1.42 was not provided by any .service files',
    'The session wrapping the secret does not exist',
  ])('%s → stale', (message) => {
    expect(isStaleConnection(new Error(message))).toBe(true);
  });

  it.each([
    // The well-known name missing: no Secret Service at all, not a stale connection.
    'The name org.freedesktop.secrets was not provided by any .service files',
    'Cannot create an item in a locked collection',
    'Cannot autolaunch D-Bus without X11 $DISPLAY',
    'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
  ])('%s → not stale', (message) => {
    expect(isStaleConnection(new Error(message))).toBe(false);
  });
});
