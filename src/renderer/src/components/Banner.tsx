import type { ReactNode, Ref } from 'react';
import { AlertIcon, InfoIcon, SuccessIcon } from './Icons';

/** What a banner is about; errors and warnings are announced at once (role=alert). */
export type BannerTone = 'error' | 'warning' | 'info' | 'success';

interface BannerProps {
  tone: BannerTone;
  title?: string;
  children?: ReactNode;
  /** Buttons shown under the text (e.g. Retry). */
  actions?: ReactNode;
  onDismiss?: () => void;
  testId?: string;
  ref?: Ref<HTMLDivElement>;
}

/** A message across the top of a card or screen: an error, a warning, or news. Focusable by script. */
export function Banner({ tone, title, children, actions, onDismiss, testId, ref }: BannerProps) {
  const urgent = tone === 'error' || tone === 'warning';
  return (
    <div
      ref={ref}
      className={`banner banner-${tone}`}
      role={urgent ? 'alert' : 'status'}
      tabIndex={-1}
      data-testid={testId}
    >
      <span className="banner-icon">
        {tone === 'success' ? <SuccessIcon /> : tone === 'info' ? <InfoIcon /> : <AlertIcon />}
      </span>
      <div className="banner-body">
        {title && <p className="banner-title">{title}</p>}
        {children && <div className="banner-text">{children}</div>}
        {actions && <div className="banner-actions">{actions}</div>}
      </div>
      {onDismiss && (
        <button type="button" className="banner-dismiss" onClick={onDismiss} aria-label="Dismiss message">
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}
