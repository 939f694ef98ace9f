import type { ReactNode, Ref } from 'react';
import { LogoMark } from './Icons';

/** The Gatehouse name with its mark. */
export function Brand() {
  return (
    <div className="brand">
      <LogoMark />
      <span className="brand-name">Gatehouse</span>
    </div>
  );
}

interface CardProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  /** Under the card, e.g. "Already have an account? Sign in". */
  footer?: ReactNode;
  headingRef?: Ref<HTMLHeadingElement>;
  wide?: boolean;
  testId?: string;
}

/**
 * The calm centred card every signed-out and set-up screen sits in. The whole layout is the page's
 * `<main>` landmark, so the brand and the footer line are inside a landmark too.
 */
export function AuthCard({ title, subtitle, children, footer, headingRef, wide = false, testId }: CardProps) {
  return (
    <main className={wide ? 'auth-layout auth-layout-wide' : 'auth-layout'} data-testid={testId}>
      <Brand />
      <section className="card" aria-labelledby={`${testId ?? 'card'}-title`}>
        <header className="card-header">
          <h1 id={`${testId ?? 'card'}-title`} className="card-title" ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          {subtitle && <p className="card-subtitle">{subtitle}</p>}
        </header>
        {children}
      </section>
      {footer && <div className="auth-footer">{footer}</div>}
    </main>
  );
}

/** A thin line with a word in the middle ("or"). */
export function Divider({ label }: { label: string }) {
  return (
    <div className="divider">
      <span>{label}</span>
    </div>
  );
}
