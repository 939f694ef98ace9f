import type { AxiosInstance, AxiosResponse } from 'axios';
import { CHANGE_SIGN_UP_EMAIL_PATH, type ChangeSignUpEmail } from '../../../shared/signUpEmail';
import type { GatehouseConfig } from '../config';
import type { Logger } from '../log';
import { parseProblem } from './backendClient';
import { backendRequestUnansweredError, httpError } from './problemErrors';

/**
 * Asks the backend to release an unconfirmed sign-up (`POST /v1/sign-ups/email`): no token exists
 * for such a user, so the request carries the sign-up's secret instead, and nothing else.
 */
export type SignUpRelease = (request: ChangeSignUpEmail) => Promise<void>;

/** Creates the release call on the app's backend; failures become GatehouseErrors in plain words. */
export function createSignUpRelease(deps: {
  config: Pick<GatehouseConfig, 'apiUrl' | 'httpTimeoutMs'>;
  http: AxiosInstance;
  log: Logger;
}): SignUpRelease {
  const url = `${deps.config.apiUrl.replace(/\/+$/, '')}${CHANGE_SIGN_UP_EMAIL_PATH}`;
  return async (request) => {
    let response: AxiosResponse;
    try {
      response = await deps.http.request({
        method: 'POST',
        url,
        data: request,
        headers: { accept: 'application/json, application/problem+json', 'content-type': 'application/json' },
        timeout: deps.config.httpTimeoutMs,
        maxRedirects: 0,
        // Statuses are mapped below; a thrown AxiosError would carry the body (the secret) around.
        validateStatus: () => true,
        responseType: 'json',
      });
    } catch (error) {
      deps.log.warn('sign-up release got no answer', {
        reason: (error as { code?: string }).code ?? 'unknown',
      });
      throw backendRequestUnansweredError(error);
    }
    if (response.status === 204) return;
    const problem = parseProblem(response);
    deps.log.warn('sign-up release refused', { status: response.status, problem: problem?.code });
    throw httpError(response.status, problem);
  };
}
