import type { ProviderKind } from '../../../shared/poolDefinition';
import { providerButtonLabel } from '../../../shared/providerLabels';
import type { OfferedProvider } from '../state/useProviders';
import { Button } from './Button';
import { AmazonIcon, AppleIcon, FacebookIcon, GoogleIcon, SsoIcon } from './Icons';

interface ProviderButtonsProps {
  providers: readonly OfferedProvider[];
  /** The provider whose sign-in is being opened (its button shows progress). */
  busy: string | undefined;
  disabled: boolean;
  onChoose: (provider: string) => void;
}

/** Each kind's logo: the brand's mark for the social providers, a neutral key for a company's SSO. */
const ICONS: Record<ProviderKind, () => React.JSX.Element> = {
  Google: GoogleIcon,
  Facebook: FacebookIcon,
  SignInWithApple: AppleIcon,
  LoginWithAmazon: AmazonIcon,
  OIDC: SsoIcon,
  SAML: SsoIcon,
};

/**
 * One button per offered provider, in the configured order, each as its brand's rules ask (words
 * from `providerButtonLabel`, colours in styles.css): Google's four-colour "G" on a neutral button
 * (https://developers.google.com/identity/branding-guidelines), Facebook's white "f" on Facebook
 * blue, Apple's logo on black (white in dark mode), Amazon's smile on Amazon's gold; OpenID Connect
 * and SAML providers get a neutral button with the name the pool gives them (a company's SSO has no
 * published style).
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
          icon={ICONS[kind]()}
          onClick={() => onChoose(name)}
          busy={busy === name}
          busyLabel="Opening your browser…"
          disabled={disabled || (busy !== undefined && busy !== name)}
        >
          {providerButtonLabel(name)}
        </Button>
      ))}
    </div>
  );
}
