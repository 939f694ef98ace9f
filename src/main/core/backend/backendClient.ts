import type { AxiosInstance, AxiosResponse } from 'axios';
import type { z } from 'zod';
import {
  type Problem,
  ProblemSchema,
  type Profile,
  type ProfileInput,
  ProfileInputSchema,
  type ProfilePatch,
  ProfilePatchSchema,
  ProfileSchema,
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
}

type Method = 'GET' | 'PUT' | 'PATCH' | 'DELETE';

const PROFILE_PATH = '/v1/me';

/** Builds the backend client. */
export function createBackendClient(deps: BackendClientDeps): BackendClient {
  const { config, http, auth, log } = deps;
  const url = `${config.apiUrl.replace(/\/+$/, '')}${PROFILE_PATH}`;

  const send = async (method: Method, body: unknown): Promise<AxiosResponse> => {
    const token = await auth.idToken();
    try {
      return await http.request({
        method,
        url,
        data: body,
        headers: {
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
        path: PROFILE_PATH,
        reason: (error as { code?: string }).code ?? 'unknown',
      });
      throw backendRequestUnansweredError(error);
    }
  };

  /** One request, with one refresh and one retry when the token was refused. */
  const call = async (method: Method, body?: unknown): Promise<AxiosResponse> => {
    let response = await send(method, body);
    if (response.status === 401) {
      log.info('backend refused the ID token; refreshing once', { method, path: PROFILE_PATH });
      await auth.refreshAfterUnauthorized();
      response = await send(method, body);
    }
    return response;
  };

  const failure = (method: Method, response: AxiosResponse): GatehouseError => {
    const problem = parseProblem(response);
    log.warn('backend request failed', {
      method,
      path: PROFILE_PATH,
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
  };
}

/** Validates a body before it leaves, so the user hears about a bad field without a round trip. */
function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const field = parsed.error.issues[0]?.path[0];
  throw invalidProfile(typeof field === 'string' ? field : undefined);
}

function parseProblem(response: AxiosResponse): Problem | undefined {
  const type = String(response.headers['content-type'] ?? '');
  // A proxy's HTML error page or a bare JSON body is not a problem document; map by status then.
  if (!/^application\/problem\+json\b/i.test(type)) return undefined;
  const parsed = ProblemSchema.safeParse(response.data);
  return parsed.success ? parsed.data : undefined;
}
