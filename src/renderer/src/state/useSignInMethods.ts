import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { call } from '../api';

/** How sign-in codes can be sent for this pool (`EMAIL`, `SMS`). */
export type CodeMedium = ResponseOf<'auth.signInMethods'>['codeMedia'][number];

type SignInMethods = ResponseOf<'auth.signInMethods'>;

let cached: Promise<SignInMethods> | null = null;

/** The pool's sign-in methods from `auth.signInMethods` (asked once); undefined until known. */
function useSignInMethods(): SignInMethods | undefined {
  const [methods, setMethods] = useState<SignInMethods>();
  useEffect(() => {
    let live = true;
    cached ??= call('auth.signInMethods', {});
    cached
      .then((answer) => {
        if (live) setMethods(answer);
      })
      .catch(() => {
        cached = null; // ask again next time; the password sign-in still works
      });
    return () => {
      live = false;
    };
  }, []);
  return methods;
}

/** The code media the pool offers; empty until known. */
export function useCodeMedia(): CodeMedium[] {
  return useSignInMethods()?.codeMedia ?? [];
}

/** Whether the pool offers "Sign in with a passkey"; false until known. */
export function usePasskeyOffered(): boolean {
  return useSignInMethods()?.passkey ?? false;
}

/** What the sign-in screen's code buttons say, per medium. */
export const CODE_BUTTON_LABELS: Record<CodeMedium, string> = {
  EMAIL: 'Email me a code',
  SMS: 'Text me a code',
};
