import { describe, expect, it } from 'vitest';
import { POOL_DEFINITION, providerDisplayName } from '../../../src/shared/poolDefinition';
import { providerButtonLabel } from '../../../src/shared/providerLabels';

describe('provider words', () => {
  it('each button says what its brand publishes', () => {
    // Apple HIG: "Sign in with Apple"; Amazon's style guide: "Login with Amazon"; Google's and
    // Facebook's guidelines: "Continue with …"; a company's SSO: its name in the same pattern.
    expect(POOL_DEFINITION.identityProviders.map((p) => providerButtonLabel(p.name))).toEqual([
      'Continue with Google',
      'Sign in with Apple',
      'Continue with Facebook',
      'Login with Amazon',
      'Continue with Microsoft',
      'Continue with Contoso',
    ]);
  });

  it('people read the display name, never Cognito’s provider type', () => {
    expect(providerDisplayName('SignInWithApple')).toBe('Apple');
    expect(providerDisplayName('LoginWithAmazon')).toBe('Amazon');
    expect(providerDisplayName('Facebook')).toBe('Facebook');
    // A name the definition lacks (a build's config, an old token) reads as itself.
    expect(providerDisplayName('Okta')).toBe('Okta');
    expect(providerButtonLabel('Okta')).toBe('Continue with Okta');
  });
});
