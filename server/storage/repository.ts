/**
 * The storage interface the HTTP layer talks to. Both backends (SQLite, PostgreSQL) implement it
 * and pass the same contract test suite; every method is atomic on its own.
 */
import type { Profile, ProfileInput, ProfilePatch } from '../../src/shared/backendApi.js';
import type { Identity } from '../../src/shared/identity.js';

/** Another profile already holds the requested username. */
export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`username ${username} is taken`);
    this.name = 'UsernameTakenError';
  }
}

/** Result of {@link ProfileRepository.put}: `created` tells 201 from 200. */
export interface PutResult {
  profile: Profile;
  created: boolean;
}

/** Result of {@link ProfileRepository.follow}: the profile at its new e-mail, and the e-mail it left. */
export interface MovedProfile {
  profile: Profile;
  from: string;
}

/** Two-step verification as Cognito reports it, with the name the user gave the authenticator app. */
export interface TwoStepState {
  on: boolean;
  authenticatorName?: string | undefined;
}

/**
 * Profiles keyed by lower-cased verified email. Every call that finds a profile also records
 * the calling identity on it, so `identities` lists each Cognito user that has reached it.
 */
export interface ProfileRepository {
  /** Reads the profile (linking `identity` if new), or `null` when none exists. */
  get(email: string, identity: Identity, now: Date): Promise<Profile | null>;
  /** Creates or fully replaces the profile; throws {@link UsernameTakenError}. */
  put(email: string, identity: Identity, input: ProfileInput, now: Date): Promise<PutResult>;
  /** Applies a partial update, or returns `null` when no profile exists; throws {@link UsernameTakenError}. */
  patch(email: string, identity: Identity, patch: ProfilePatch, now: Date): Promise<Profile | null>;
  /**
   * The user's e-mail changed: the profile `identity` reached under another e-mail moves to `email`
   * (its new verified address), in one transaction, identities and all. `null` when there is nothing
   * to move: no profile linked to `identity`, a profile already at `email`, or a token issued
   * (`issuedAt`) before the profile last changed — a token from before a move names the address the
   * profile left, and must not move it back.
   */
  follow(email: string, identity: Identity, now: Date, issuedAt: Date): Promise<MovedProfile | null>;
  /**
   * Records whether two-step verification is on (as the backend just read it from Cognito) and,
   * while it is, the authenticator app's name; off clears the name. `changed` says whether it was
   * recorded the other way before (a security notice is due); `null` when there is no profile.
   */
  recordTwoStep(email: string, state: TwoStepState): Promise<{ changed: boolean } | null>;
  /**
   * Records the devices Cognito remembers for the profile; returns the keys it had not seen before
   * (each is due one notice), or `null` when there is no profile.
   */
  recordDevices(email: string, deviceKeys: readonly string[]): Promise<string[] | null>;
  /** Deletes the profile and its identities; `false` when there was none. */
  delete(email: string): Promise<boolean>;
  /** Releases connections / file handles. */
  close(): Promise<void>;
}

/** Whether a token issued at `issuedAt` (whole seconds, as JWT `iat`) came after a change at `changedAt`. */
export function issuedSince(issuedAt: Date, changedAt: string): boolean {
  return issuedAt.getTime() >= Math.floor(Date.parse(changedAt) / 1000) * 1000;
}

/** Merges a PATCH body into the stored fields: `onboarding` is merged one level deep. */
export function applyPatch(current: ProfileInput, patch: ProfilePatch): ProfileInput {
  return {
    username: patch.username ?? current.username,
    onboarding: { ...current.onboarding, ...patch.onboarding },
  };
}

/** Whether `identity` is already listed on `profile`. */
export function hasIdentity(profile: Profile, identity: Identity): boolean {
  return profile.identities.some((i) => i.provider === identity.provider && i.username === identity.username);
}
