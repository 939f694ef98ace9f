import { type ButtonHTMLAttributes, type ReactNode, useEffect } from 'react';
import { useAnnounce } from './Announcer';
import { Spinner } from './Spinner';

/** How prominent a button is. */
export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'link' | 'danger' | 'danger-solid';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /**
   * In progress: disabled, with a spinner and `busyLabel` (e.g. "Signing in…") instead of the label;
   * `busyLabel` is also announced, since a screen reader does not say a change of `aria-busy`.
   */
  busy?: boolean;
  busyLabel?: string;
  /** Stretch to the width of its container. */
  block?: boolean;
  icon?: ReactNode;
}

/** A button; `type` defaults to "button" so only an explicit submit button submits a form. */
export function Button({
  variant = 'secondary',
  busy = false,
  busyLabel,
  block = false,
  icon,
  type = 'button',
  disabled,
  className,
  children,
  ...rest
}: ButtonProps) {
  const announce = useAnnounce();
  useEffect(() => {
    if (busy && busyLabel) announce(busyLabel);
  }, [busy, busyLabel, announce]);
  const classes = ['button', `button-${variant}`, block ? 'button-block' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      {...rest}
      type={type}
      className={classes}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? <Spinner /> : icon}
      <span>{busy && busyLabel ? busyLabel : children}</span>
    </button>
  );
}
