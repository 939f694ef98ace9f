/** Local navigation among the screens shown while nobody is signed in. */
export type Route =
  | { name: 'sign-in'; login?: string; notice?: string }
  | { name: 'sign-up' }
  | {
      name: 'confirm';
      username: string;
      /** Masked, from the sign-up or resend answer (`a***@example.com`); unknown when we did not just send. */
      destination?: string;
      /** Kept in memory only so confirming can sign straight in; never stored. */
      password?: string;
      justSent: boolean;
    }
  | { name: 'forgot'; login?: string }
  | { name: 'google'; signInUrl: string };

/** Moves to another signed-out screen. */
export type Navigate = (route: Route) => void;
