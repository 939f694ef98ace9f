import { useState } from 'react';
import type { ChannelError } from '../api';
import { useAction } from './useAction';
import { useCooldown } from './useCooldown';

/** Seconds before another code may be asked for. */
export const RESEND_COOLDOWN_SECONDS = 30;

/** Where a code was sent and how to send another. */
export interface ResendCode {
  /** Where the latest code went (as main reports it, e.g. `a***@example.com`). */
  sentTo: string | undefined;
  /** True once a resend went through, until the next try. */
  resent: boolean;
  resending: boolean;
  error: ChannelError | null;
  /** Seconds until another code may be asked for; 0 when it may. */
  remaining: number;
  resend: () => Promise<void>;
}

/**
 * "Resend code" for an emailed code: `send` asks main for a new one and answers where it went;
 * a cooldown (already running when a code was `justSent`) spaces the requests out. `onResend` runs
 * first: the screen clears its old error there, which is about the code before.
 */
export function useResendCode(
  send: () => Promise<string>,
  destination: string | undefined,
  justSent: boolean,
  onResend?: () => void,
): ResendCode {
  const [sentTo, setSentTo] = useState(destination);
  const [resent, setResent] = useState(false);
  const cooldown = useCooldown(RESEND_COOLDOWN_SECONDS, justSent);
  const action = useAction(async () => {
    setResent(false);
    setSentTo(await send());
    setResent(true);
    cooldown.start();
  });

  return {
    sentTo,
    resent,
    resending: action.busy,
    error: action.error,
    remaining: cooldown.remaining,
    resend: () => {
      onResend?.();
      return action.run();
    },
  };
}
