import type { ResendCode } from '../state/useResendCode';
import { Button } from './Button';

/** "Didn't get it? … Send again" under a code field, disabled while its countdown runs. */
export function ResendLink({ code, prompt, label }: { code: ResendCode; prompt: string; label: string }) {
  return (
    <div className="resend">
      <span className="muted">{prompt}</span>
      <Button
        variant="link"
        onClick={code.resend}
        disabled={code.remaining > 0 || code.resending}
        aria-describedby={code.remaining > 0 ? 'resend-wait' : undefined}
      >
        {code.resending ? 'Sending…' : label}
      </Button>
      {code.remaining > 0 && (
        <span className="muted" id="resend-wait" data-testid="resend-cooldown">
          (available in {code.remaining} s)
        </span>
      )}
    </div>
  );
}
