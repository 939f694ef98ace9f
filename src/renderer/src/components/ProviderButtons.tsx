import type { OfferedProvider } from '../state/useProviders';
import { Button } from './Button';
import { GoogleIcon, SsoIcon } from './Icons';

interface ProviderButtonsProps {
  providers: readonly OfferedProvider[];
  /** The provider whose sign-in is being opened (its button shows progress). */
  busy: string | undefined;
  disabled: boolean;
  onChoose: (provider: string) => void;
}

/**
 * One "Continue with …" button per offered provider, in the configured order. Google's follows
 * Google's branding guidelines (the four-colour "G" on a neutral button, "Continue with Google";
 * https://developers.google.com/identity/branding-guidelines); OpenID Connect and SAML providers
 * get a neutral button with the name the pool gives them (a company's SSO has no published style).
 */
export function ProviderButtons({ providers, busy, disabled, onChoose }: ProviderButtonsProps) {
  if (providers.length === 0) return null;
  return (
    <div className="provider-buttons" data-testid="provider-buttons">
      {providers.map(({ name, kind }) => (
        <Button
          key={name}
          block
          className={`provider-button provider-${kind.toLowerCase()}`}
          icon={kind === 'Google' ? <GoogleIcon /> : <SsoIcon />}
          onClick={() => onChoose(name)}
          busy={busy === name}
          busyLabel="Opening your browser…"
          disabled={disabled || (busy !== undefined && busy !== name)}
        >
          Continue with {name}
        </Button>
      ))}
    </div>
  );
}
