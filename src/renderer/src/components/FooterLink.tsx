import type { ReactNode } from 'react';
import { Button } from './Button';

interface FooterLinkProps {
  /** Words before the link, e.g. "New to Gatehouse?". */
  prompt?: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
}

/** The line under an auth card: an optional question, then a link-style button. */
export function FooterLink({ prompt, onClick, disabled, children }: FooterLinkProps) {
  return (
    <p>
      {prompt && <>{prompt} </>}
      <Button variant="link" onClick={onClick} disabled={disabled}>
        {children}
      </Button>
    </p>
  );
}
