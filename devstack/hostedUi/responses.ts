import type { ServerResponse } from 'node:http';
import { escapeHtml, sendHtml, sendJson } from '../http/io.js';

/** An OAuth error from a back-channel endpoint, in Cognito's shape: `{"error":"invalid_grant"}`. */
export function oauthError(res: ServerResponse, error: string, status = 400): void {
  sendJson(res, status, { error });
}

/**
 * The Hosted UI's error page, for requests that cannot be redirected back (unknown client,
 * unregistered redirect URI): redirecting there would make the Hosted UI an open redirector.
 */
export function errorPage(res: ServerResponse, error: string, description: string): void {
  sendHtml(
    res,
    400,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head>
<body><h1>An error was encountered with the requested page.</h1>
<p id="error">${escapeHtml(error)}</p><p id="error_description">${escapeHtml(description)}</p></body></html>`,
  );
}
