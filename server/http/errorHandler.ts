/**
 * Maps everything a request can throw — our ApiErrors, Fastify's body-parsing errors, bugs —
 * onto problem documents. Internals never reach the client; only 5xx are logged as errors.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_BODY_BYTES } from '../../src/shared/backendApi.js';
import { isStorageUnavailable, STORAGE_RETRY_AFTER_SEC } from '../storage/unavailable.js';
import { ApiError, sendProblem } from './problem.js';

/** Translates any thrown value into the {@link ApiError} the client should see. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const fastifyError = error as Partial<FastifyError> | undefined;
  const code = fastifyError?.code;
  const status = fastifyError?.statusCode;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return new ApiError('payload_too_large', `The request body must not exceed ${MAX_BODY_BYTES} bytes.`);
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return new ApiError('unsupported_media_type', 'Send the body as application/json.');
  }
  if (code?.startsWith('FST_ERR_CTP_') || error instanceof SyntaxError) {
    // Malformed JSON, an empty JSON body, a bad Content-Length, prototype-poisoning keys.
    return new ApiError('invalid_body', 'The request body is not valid JSON.');
  }
  if (status === 404) return new ApiError('not_found', 'No such resource.');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError('bad_request', 'The request could not be understood.');
  }
  if (isStorageUnavailable(error)) {
    return new ApiError('service_unavailable', 'The service is briefly unavailable; try again in a moment.', {
      headers: { 'retry-after': String(STORAGE_RETRY_AFTER_SEC) },
    });
  }
  return new ApiError('internal', 'Something went wrong on our side.');
}

/** Installs the error and not-found handlers that keep every error a problem document. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: apiError.code }, 'request rejected');
    return sendProblem(reply, apiError);
  });
  app.setNotFoundHandler((request, reply) => {
    return sendProblem(reply, new ApiError('not_found', `No route for ${request.method} on this path.`));
  });
}
