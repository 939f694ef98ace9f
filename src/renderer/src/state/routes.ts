/** Local navigation among the screens shown while nobody is signed in. */
export type Route =
  | { name: 'sign-in'; login?: string; notice?: string }
  | { name: 'sign-up' }
  | {
      name: 'confirm';
      username: string;
      /** The address typed at sign-up, whole; unknown when we did not just send (a resend then says where, masked). */
      destination?: string;
      /** Kept in memory only so confirming can sign straight in; never stored. */
      password?: string;
      justSent: boolean;
    }
  | { name: 'forgot'; login?: string }
  | { name: 'federated'; provider: string; signInUrl: string };

/** Moves to another signed-out screen. */
export type Navigate = (route: Route) => void;
