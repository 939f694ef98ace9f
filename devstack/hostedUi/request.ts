/** A validated `/oauth2/authorize` request, carried through login or the Google leg until a code is issued. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  scope: string;
  codeChallenge: string;
  nonce?: string;
  /**
   * Set for a sign-in that `/passkeys/add` asked for (no managed-login session in the browser):
   * after it, the add-a-passkey page, then back to `redirectUri` without a code.
   */
  addPasskey?: true;
}

/** The redirect back to the app with either a code or an error, always echoing `state`. */
export function appRedirect(
  request: Pick<AuthorizeRequest, 'redirectUri' | 'state'>,
  params: Record<string, string>,
): string {
  const url = new URL(request.redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  return url.toString();
}
