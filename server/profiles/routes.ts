/**
 * `/v1/me`: the caller's own profile. Every request is rate limited per client address, then
 * authenticated (both onRequest, in that order, so invalid tokens cost no verification once the
 * address is over its limit), then rate limited per token subject (preParsing, before any body is
 * read), then its body validated.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Profile, ProfileInputSchema, ProfilePatchSchema } from '../../src/shared/backendApi.js';
import type { Identity } from '../../src/shared/identity.js';
import { createAuthenticateHook } from '../auth/authenticate.js';
import type { CognitoDeviceLister } from '../auth/cognitoDevices.js';
import type { CognitoAccountReader } from '../auth/cognitoUser.js';
import { isAnotherUsersSignInName, type SignInNameOwner } from '../auth/signInNames.js';
import type { IdTokenVerifier, Principal } from '../auth/verifyIdToken.js';
import type { ServerConfig } from '../config.js';
import { ApiError } from '../http/problem.js';
import { rateLimitAnswers } from '../http/rateLimitAnswers.js';
import type { SecurityNotices } from '../mail/securityNotices.js';
import { type ProfileRepository, UsernameTakenError } from '../storage/repository.js';
import { parseBody } from './parseBody.js';
import { securityRoutes } from './securityRoutes.js';

/** What the profile routes need from the app. */
export interface ProfileRoutesOptions {
  repository: ProfileRepository;
  verify: IdTokenVerifier;
  now: () => Date;
  rateLimit: ServerConfig['rateLimit'];
  /** Told once a profile moved to a new verified e-mail (the security notice to the old address). */
  onEmailChanged?: (change: { from: string; to: string }) => Promise<void>;
  /** Asks Cognito about the caller's account (the security routes check changes with it). */
  readAccount: CognitoAccountReader;
  /** Lists the caller's remembered devices (ListDevices) for the new-device notice. */
  listDevices: CognitoDeviceLister;
  /** The security notices; absent when the backend has no mail port. */
  notices?: SecurityNotices | undefined;
  /** Asks Cognito who signs in with a name, so a profile cannot take another user's sign-in name. */
  signInNameOwner: SignInNameOwner;
}

function principalOf(request: FastifyRequest): Principal {
  // The authenticate hook runs first on every route here; reaching a handler without it is a bug.
  if (!request.principal) throw new Error('authenticate hook did not run');
  return request.principal;
}

function identityOf(principal: Principal): Identity {
  return { provider: principal.provider, username: principal.cognitoUsername };
}

function notFound(): ApiError {
  return new ApiError(
    'profile_not_found',
    'No profile exists for this email yet; create it with PUT /v1/me.',
  );
}

function usernameTaken(error: UsernameTakenError): ApiError {
  return new ApiError('username_taken', `The username "${error.username}" is already taken.`, {
    fields: ['username'],
  });
}

function signInNameTaken(username: string): ApiError {
  // The same code as a taken profile name: to the user both mean "choose another one".
  return new ApiError('username_taken', `The username "${username}" is another account's sign-in name.`, {
    fields: ['username'],
  });
}

function sendProfile(reply: FastifyReply, status: number, profile: Profile): FastifyReply {
  // Personal data: no cache anywhere may keep it.
  return reply.code(status).header('cache-control', 'no-store').send(profile);
}

/** Registers `/v1/me` (GET, PUT, PATCH, DELETE) and the security routes in their own encapsulated scope. */
export async function profileRoutes(app: FastifyInstance, options: ProfileRoutesOptions): Promise<void> {
  const { repository, now } = options;

  // Impersonation guard: a profile name may equal the caller's own sign-in name, nobody else's.
  const refuseOthersSignInName = async (principal: Principal, username: string | undefined) => {
    if (username === undefined) return;
    if (await isAnotherUsersSignInName(options.signInNameOwner, username, principal.cognitoUsername))
      throw signInNameTaken(username);
  };

  const { max, windowMs, perIpMax } = options.rateLimit;
  const shared = rateLimitAnswers(windowMs);
  // Per address, as a scope hook added before authentication (route-level hooks would run after it).
  await app.register(rateLimit, { ...shared, global: false });
  app.addHook('onRequest', app.rateLimit({ max: perIpMax, keyGenerator: (request) => `ip:${request.ip}` }));
  app.addHook('onRequest', createAuthenticateHook(options.verify));
  await app.register(rateLimit, {
    ...shared,
    hook: 'preParsing',
    max,
    keyGenerator: (request) => `sub:${request.principal?.subject ?? `ip:${request.ip}`}`,
  });

  app.get('/v1/me', async (request, reply) => {
    const principal = principalOf(request);
    const identity = identityOf(principal);
    const profile = await repository.get(principal.email, identity, now());
    if (profile) return sendProfile(reply, 200, profile);
    // The user verified a new e-mail (Cognito changes it only then): their profile follows them.
    const issuedAt = new Date(principal.issuedAt * 1000);
    const moved = await repository.follow(principal.email, identity, now(), issuedAt);
    if (!moved) throw notFound();
    request.log.info({ event: 'profile_moved' }, 'profile moved to a new verified e-mail');
    await options.onEmailChanged?.({ from: moved.from, to: principal.email });
    return sendProfile(reply, 200, moved.profile);
  });

  app.put('/v1/me', async (request, reply) => {
    const principal = principalOf(request);
    const input = parseBody(ProfileInputSchema, request.body);
    await refuseOthersSignInName(principal, input.username);
    try {
      const { profile, created } = await repository.put(principal.email, identityOf(principal), input, now());
      if (created) reply.header('location', '/v1/me');
      return sendProfile(reply, created ? 201 : 200, profile);
    } catch (error) {
      if (error instanceof UsernameTakenError) throw usernameTaken(error);
      throw error;
    }
  });

  app.patch('/v1/me', async (request, reply) => {
    const principal = principalOf(request);
    const patch = parseBody(ProfilePatchSchema, request.body);
    await refuseOthersSignInName(principal, patch.username);
    try {
      const profile = await repository.patch(principal.email, identityOf(principal), patch, now());
      if (!profile) throw notFound();
      return sendProfile(reply, 200, profile);
    } catch (error) {
      if (error instanceof UsernameTakenError) throw usernameTaken(error);
      throw error;
    }
  });

  securityRoutes(app, {
    repository,
    readAccount: options.readAccount,
    listDevices: options.listDevices,
    notices: options.notices,
    principalOf,
    profileOf: async (request) => {
      const principal = principalOf(request);
      const profile = await repository.get(principal.email, identityOf(principal), now());
      if (!profile) throw notFound();
      return profile;
    },
  });

  app.delete('/v1/me', async (request, reply) => {
    const principal = principalOf(request);
    // Idempotent: deleting an absent profile is not an error, the outcome the user wanted holds.
    await repository.delete(principal.email);
    return reply.code(204).send();
  });
}
