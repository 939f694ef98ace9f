import type { ICognitoStorage } from 'amazon-cognito-identity-js';

/**
 * A storage for amazon-cognito-identity-js that lives and dies with one object. Without it the
 * library falls back to `localStorage` (absent under Node) or its own global in-memory copy, and
 * caches tokens there under its own keys; Gatehouse keeps tokens in exactly one place (the session)
 * and gives every CognitoUser a fresh scratch storage that is garbage-collected with it.
 */
export function createMemoryStorage(): ICognitoStorage {
  const items = new Map<string, string>();
  return {
    setItem: (key, value) => {
      items.set(key, value);
    },
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => {
      items.delete(key);
    },
    clear: () => {
      items.clear();
    },
  };
}
