import { classifyNetworkFailure, type NetworkFailureKind } from '../errors/offline';
import { accessTokenOf, sessionGone } from './sessionGone';

/**
 * The HTTP leg of amazon-cognito-identity-js, replaced. The library's own client (a) waits as long
 * as the OS lets a dead connection hang, (b) retries every failure of a refresh or revoke with
 * back-off for about six seconds — including "this token is revoked", which no retry fixes — and
 * (c) turns every transport failure into a bare "Network error", so "offline" and "service down"
 * look alike. This one keeps the library's request/response format (JSON 1.1 + X-Amz-Target, errors
 * named by `__type`) and adds a timeout, one attempt, and the failure's kind.
 */

type Callback = (error: Error | null, data?: unknown) => void;

/** The methods of the library's `Client` that CognitoUser and CognitoUserPool call. */
export interface CognitoTransport {
  request(operation: string, params: unknown, callback: Callback): void;
  requestWithRetry(operation: string, params: unknown, callback: Callback): void;
  promisifyRequest(operation: string, params: unknown): Promise<unknown>;
}

/** A failure where no answer arrived; `networkFailure` tells offline from unreachable. */
export class CognitoNetworkError extends Error {
  override readonly name = 'NetworkError';
  readonly code = 'NetworkError';

  constructor(
    readonly networkFailure: NetworkFailureKind,
    options?: { cause?: unknown },
  ) {
    super(`Cognito request failed: ${networkFailure}`, options);
  }
}

/** An error answer from the user-pool API, named as Cognito names it (e.g. NotAuthorizedException). */
export class CognitoServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
    this.name = code;
  }
}

export interface CognitoTransportOptions {
  /** User-pool API base URL (config `cognitoEndpoint`). */
  endpoint: string;
  timeoutMs: number;
  /** Injected so tests can count or break requests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * This computer's name in the user's device list (OS and app). amazon-cognito-identity-js names a
   * device it confirms by `navigator.userAgent`, which under Node is the word "nodejs".
   */
  deviceName?: string;
  /**
   * Told the access token of any request Cognito refused because its session is gone (revoked by a
   * global sign-out, user deleted or disabled), before the caller hears the error: whatever the
   * operation, the session can end (accounts/sessionGone.ts).
   */
  onSessionGone?: (accessToken: string) => void;
}

/** Creates the transport a CognitoUserPool is given in place of its own client. */
export function createCognitoTransport({
  endpoint,
  timeoutMs,
  fetch: doFetch = fetch,
  deviceName,
  onSessionGone,
}: CognitoTransportOptions): CognitoTransport {
  const send = async (operation: string, given: unknown): Promise<unknown> => {
    const params =
      operation === 'ConfirmDevice' && deviceName !== undefined
        ? { ...(given as object), DeviceName: deviceName }
        : given;
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
          'Cache-Control': 'no-store',
        },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(timeoutMs),
        // Cognito never redirects; following one would send credentials somewhere else.
        redirect: 'error',
      });
    } catch (error) {
      throw new CognitoNetworkError(classifyNetworkFailure(error) ?? 'unreachable', { cause: error });
    }
    let body: Record<string, unknown>;
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      // Cognito always answers in JSON: an HTML page (a captive portal, a proxy's error page), whatever
      // its status, or a cut-off body is not Cognito saying anything, so nothing was refused.
      throw new CognitoNetworkError('unreachable', { cause: error });
    }
    if (response.ok) return body;
    // Same rules as aws-sdk-js/lib/protocol/json.js, which the library copies: `__type` or `code`, after any '#'.
    const typed = body.__type ?? body.code ?? response.headers.get('x-amzn-errortype') ?? '';
    const code = String(typed).split('#').pop()?.split(':')[0] || `HTTP${response.status}`;
    const message = String(body.message ?? body.Message ?? '');
    const accessToken = accessTokenOf(params);
    if (accessToken !== undefined && sessionGone(code, message)) onSessionGone?.(accessToken);
    throw new CognitoServiceError(code, message, response.status);
  };

  const request = (operation: string, params: unknown, callback: Callback) => {
    send(operation, params).then(
      (data) => callback(null, data),
      (error: Error) => callback(error),
    );
  };

  return {
    request,
    // One attempt: the session decides whether and when to try again (see the note above).
    requestWithRetry: request,
    promisifyRequest: send,
  };
}
