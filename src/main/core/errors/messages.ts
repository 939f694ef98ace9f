/**
 * The words a user reads that more than one module says, one wording each, so the same situation
 * reads the same whichever flow met it. Words only one module says stay in that module's table.
 */
export const MESSAGES = {
  notSignedIn: 'You are not signed in.',
  sessionEnded: 'Your session has ended. Please sign in again.',
  offline: 'You appear to be offline. Check your internet connection and try again.',
  signInServiceUnreachable: 'Gatehouse cannot reach the sign-in service right now. Try again in a moment.',
  googleCancelled: 'Google sign-in was cancelled.',
  usernameTaken: 'That username is taken. Choose another one.',
  invalidProfile: 'Some profile details are not valid. Check them and try again.',
} as const;
