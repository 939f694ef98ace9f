import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { call } from '../api';

/** How sign-in codes can be sent for this pool (`EMAIL`, `SMS`). */
export type CodeMedium = ResponseOf<'auth.signInMethods'>['codeMedia'][number];

let cached: Promise<ResponseOf<'auth.signInMethods'>> | null = null;

/** The code media the pool offers, from `auth.signInMethods` (asked once); empty until known. */
export function useCodeMedia(): CodeMedium[] {
  const [media, setMedia] = useState<CodeMedium[]>([]);
  useEffect(() => {
    let live = true;
    cached ??= call('auth.signInMethods', {});
    cached
      .then((answer) => {
        if (live) setMedia(answer.codeMedia);
      })
      .catch(() => {
        cached = null; // ask again next time; the password sign-in still works
      });
    return () => {
      live = false;
    };
  }, []);
  return media;
}

/** What the sign-in screen's code buttons say, per medium. */
export const CODE_BUTTON_LABELS: Record<CodeMedium, string> = {
  EMAIL: 'Email me a code',
  SMS: 'Text me a code',
};
