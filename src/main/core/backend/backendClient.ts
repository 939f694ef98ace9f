import type { AxiosInstance, AxiosResponse } from 'axios';
import type { z } from 'zod';
import {
  ACCESS_TOKEN_HEADER,
  type Problem,
  ProblemSchema,
  type Profile,
  type ProfileInput,
  ProfileInputSchema,
  type ProfilePatch,
  ProfilePatchSchema,
  ProfileSchema,
  type SecurityEvent,
  TwoStepSyncSchema,
} from '../../../shared/backendApi';
import { GatehouseError } from '../../../shared/errors';
import type { GatehouseConfig } from '../config';
import type { Logger } from '../log';
import {
  backendRequestUnansweredError,
  httpError,
  invalidProfile,
  unreadableResponse,
} from './problemErrors';

/**
 * Client of the app's backend API (`/v1/me`): sends the current ID token, refreshes once on a 401
 * and retries once, parses answers with the shared schemas, and turns failures into GatehouseErrors.
 */

/** What the client needs of the tokens (session/credentials.ts provides it): a valid ID token, and a forced refresh after a 401. */
export interface TokenSource {
  idToken(): Promise<string>;
  refreshAfterUnauthorized(): Promise<void>;
}

/** What `createBackendClient` needs. */
export interface BackendClientDeps {
  config: Pick<GatehouseConfig, 'apiUrl' | 'httpTimeoutMs'>;
  http: AxiosInstance;
  auth: TokenSource;
  log: Logger;
}

/** The profile operations of the backend API. */
export interface BackendClient {
  /** The signed-in user's profile, or null when they have not onboarded yet. */
  getProfile(): Promise<Profile | null>;
  /** Creates or replaces the profile (`PUT /v1/me`). */
  saveProfile(input: ProfileInput): Promise<Profile>;
  /** Changes some fields of the profile (`PATCH /v1/me`). */
  updateProfile(patch: ProfilePatch): Promise<Profile>;
  /** Deletes the profile; deleting an absent profile succeeds. */
  deleteProfile(): Promise<void>;
  /**
   * Asks the backend to read two-step verification from Cognito with `accessToken` (it mails the
   * user when the state changed) and to keep the authenticator's name; answers the profile.
   */
  syncTwoStep(accessToken: string, authenticatorName?: string): Promise<Profile>;
  /** Tells the backend the password was changed (it mails the user). */
  reportPasswordChanged(): Promise<void>;
  /**
   * Asks the backend to look at the user's remembered devices (it lists them at Cognito with the
   * access token) and mail "a new device signed in" for one it had not seen.
   */
  checkDevices(accessToken: string): Promise<void>;
}

type Method = 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST';

const PROFILE_PATH = '/v1/me';
const TWO_STEP_PATH = '/v1/me/two-step';
const SECURITY_EVENTS_PATH = '/v1/me/security-events';
const DEVICES_CHECK_PATH = '/v1/me/devices/check';

/** One request's target beyond its method: the path (default the profile) and extra headers. */
interface Target {
  path?: string;
  headers?: Record<string, string>;
}

/** Builds the backend client. */
export function createBackendClient(deps: BackendClientDeps): BackendClient {
  const { config, http, auth, log } = deps;
  const base = config.apiUrl.replace(/\/+$/, '');

  const send = async (method: Method, body: unknown, target: Target): Promise<AxiosResponse> => {
    const token = await auth.idToken();
    const path = target.path ?? PROFILE_PATH;
    try {
      return await http.request({
        method,
        url: `${base}${path}`,
        data: body,
        headers: {
          ...target.headers,
          authorization: `Bearer ${token}`,
          accept: 'application/json, application/problem+json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        timeout: config.httpTimeoutMs,
        maxRedirects: 0,
        // Statuses are mapped below; a thrown AxiosError would carry the Authorization header around.
        validateStatus: () => true,
        responseType: 'json',
      });
    } catch (error) {
      log.warn('backend request got no answer', {
        method,
        path,
        reason: (error as { code?: string }).code ?? 'unknown',
      });
      throw backendRequestUnansweredError(error);
    }
  };

  /** One request, with one refresh and one retry when the token was refused. */
  const call = async (method: Method, body?: unknown, target: Target = {}): Promise<AxiosResponse> => {
    let response = await send(method, body, target);
    if (response.status === 401) {
      log.info('backend refused the ID token; refreshing once', {
        method,
        path: target.path ?? PROFILE_PATH,
      });
      await auth.refreshAfterUnauthorized();
      response = await send(method, body, target);
    }
    return response;
  };

  const failure = (method: Method, response: AxiosResponse, path = PROFILE_PATH): GatehouseError => {
    const problem = parseProblem(response);
    log.warn('backend request failed', {
      method,
      path,
      status: response.status,
      problem: problem?.code,
      detail: problem?.detail,
    });
    return httpError(response.status, problem);
  };

  const profileFrom = (method: Method, response: AxiosResponse): Profile => {
    const parsed = ProfileSchema.safeParse(response.data);
    if (!parsed.success) {
      log.error('backend profile answer does not match the schema', {
        method,
        status: response.status,
        fields: parsed.error.issues.map((issue) => issue.path.join('.')),
      });
      throw unreadableResponse();
    }
    return parsed.data;
  };

  return {
    async getProfile() {
      const response = await call('GET');
      if (response.status === 200) return profileFrom('GET', response);
      if (response.status === 404 && parseProblem(response)?.code === 'profile_not_found') return null;
      throw failure('GET', response);
    },

    async saveProfile(input) {
      const body = validate(ProfileInputSchema, input);
      const response = await call('PUT', body);
      if (response.status === 200 || response.status === 201) return profileFrom('PUT', response);
      throw failure('PUT', response);
    },

    async updateProfile(patch) {
      const body = validate(ProfilePatchSchema, patch);
      if (body.username === undefined && body.onboarding === undefined) {
        throw new GatehouseError('invalid_profile', 'There is nothing to change.');
      }
      const response = await call('PATCH', body);
      if (response.status === 200) return profileFrom('PATCH', response);
      throw failure('PATCH', response);
    },

    async deleteProfile() {
      const response = await call('DELETE');
      if (response.status === 204 || response.status === 200) return;
      throw failure('DELETE', response);
    },

    async syncTwoStep(accessToken, authenticatorName) {
      const body = validate(TwoStepSyncSchema, authenticatorName === undefined ? {} : { authenticatorName });
      const target = { path: TWO_STEP_PATH, headers: { [ACCESS_TOKEN_HEADER]: accessToken } };
      const response = await call('PUT', body, target);
      if (response.status === 200) return profileFrom('PUT', response);
      throw failure('PUT', response, TWO_STEP_PATH);
    },

    async checkDevices(accessToken) {
      const target = { path: DEVICES_CHECK_PATH, headers: { [ACCESS_TOKEN_HEADER]: accessToken } };
      const response = await call('POST', {}, target);
      if (response.status === 204) return;
      throw failure('POST', response, DEVICES_CHECK_PATH);
    },

    async reportPasswordChanged() {
      const body = { event: 'password_changed' } satisfies SecurityEvent;
      const response = await call('POST', body, { path: SECURITY_EVENTS_PATH });
      if (response.status === 204) return;
      throw failure('POST', response, SECURITY_EVENTS_PATH);
    },
  };
}

/** Validates a body before it leaves, so the user hears about a bad field without a round trip. */
function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const field = parsed.error.issues[0]?.path[0];
  throw invalidProfile(typeof field === 'string' ? field : undefined);
}

/** The problem document of a failed answer, when it is one. */
export function parseProblem(response: AxiosResponse): Problem | undefined {
  const type = String(response.headers['content-type'] ?? '');
  // A proxy's HTML error page or a bare JSON body is not a problem document; map by status then.
  if (!/^application\/problem\+json\b/i.test(type)) return undefined;
  const parsed = ProblemSchema.safeParse(response.data);
  return parsed.success ? parsed.data : undefined;
}
