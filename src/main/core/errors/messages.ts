import { providerDisplayName } from '../../../shared/poolDefinition';

/**
 * The words a user reads that more than one module says, one wording each, so the same situation
 * reads the same whichever flow met it. Words only one module says stay in that module's table.
 */
export const MESSAGES = {
  notSignedIn: 'You are not signed in.',
  sessionEnded: 'Your session has ended. Please sign in again.',
  offline: 'You appear to be offline. Check your internet connection and try again.',
  signInServiceUnreachable: 'Gatehouse cannot reach the sign-in service right now. Try again in a moment.',
  usernameTaken: 'That username is taken. Choose another one.',
  /** The backend refused a profile's display name: another profile has it, or it is another account's sign-in name. */
  displayNameTaken: 'That name is taken: another account uses it or signs in with it. Choose another one.',
  invalidProfile: 'Some profile details are not valid. Check them and try again.',
} as const;

/** A federated sign-in the user cancelled, naming the provider as people know it ("Apple sign-in was cancelled.", "Passkey sign-in …"). */
export function federatedCancelled(provider: string): string {
  const name = providerDisplayName(provider);
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} sign-in was cancelled.`;
}
