/** Helpers for proving that no token reached a log line or an IPC payload. */

/** Every token Cognito handed out in a response body (to prove later that none leaked). */
export function tokensIn(body: unknown): string[] {
  const result = (body as { AuthenticationResult?: Record<string, unknown> } | null)?.AuthenticationResult;
  if (!result) return [];
  return [result.IdToken, result.AccessToken, result.RefreshToken].filter(
    (token): token is string => typeof token === 'string' && token.length > 0,
  );
}

/** Tokens of `tokens` found in `haystack` (reported by prefix only, so a failure message leaks nothing). */
export function leakedTokens(tokens: Iterable<string>, haystack: string[]): string[] {
  const text = haystack.join('\n');
  return [...tokens].filter((token) => text.includes(token)).map((token) => `${token.slice(0, 6)}…`);
}

/** How many JWT-shaped strings appear anywhere in `haystack` (whatever issued them). */
export function jwtShaped(haystack: string[]): number {
  return haystack.join('\n').match(/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g)?.length ?? 0;
}
