/**
 * `POST /v1/sign-ups/email`: releases an unconfirmed sign-up whose e-mail was mistyped, so the app
 * can sign up again with the right one. No token exists for such a user: the sign-up check in the
 * body is the proof. Rate limited per client address, like every `/v1` route, before the body is read.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CHANGE_SIGN_UP_EMAIL_PATH, ChangeSignUpEmailSchema } from '../../src/shared/signUpEmail.js';
import type { ServerConfig } from '../config.js';
import { rateLimitAnswers } from '../http/rateLimitAnswers.js';
import { parseBody } from '../profiles/parseBody.js';
import type { ReleaseSignUp } from './unconfirmedSignUps.js';

/** What the sign-up routes need from the app. */
export interface SignUpRoutesOptions {
  release: ReleaseSignUp;
  rateLimit: ServerConfig['rateLimit'];
}

/** Registers `POST /v1/sign-ups/email` in its own encapsulated scope. */
export async function signUpRoutes(app: FastifyInstance, options: SignUpRoutesOptions): Promise<void> {
  await app.register(rateLimit, {
    ...rateLimitAnswers(options.rateLimit.windowMs),
    hook: 'onRequest',
    // Nobody is authenticated here: the per-subject allowance (`max`) applies per address.
    max: options.rateLimit.max,
    keyGenerator: (request: FastifyRequest) => `sign-up:${request.ip}`,
  });

  app.post(CHANGE_SIGN_UP_EMAIL_PATH, async (request, reply) => {
    const change = parseBody(ChangeSignUpEmailSchema, request.body);
    await options.release(change);
    request.log.info({ event: 'sign_up_released' }, 'unconfirmed sign-up released for a new e-mail');
    return reply.code(204).send();
  });
}
