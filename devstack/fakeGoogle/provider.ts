import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { calculateJwkThumbprint } from 'jose';
import Provider, {
  type ClientMetadata,
  type Configuration,
  interactionPolicy,
  type JWK,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { escapeHtml } from '../http/io.js';
import type { AccountStore, FakeGoogleAccount } from './accounts.js';
import { createMemoryAdapterFactory } from './adapter.js';
import { GOOGLE_BRAND, type OidcBrand } from './brand.js';
import { PAGE_HEADERS, renderErrorPage } from './interactionPage.js';

/** A relying party registered at the fake Google (a confidential client, like a Google OAuth web client). */
export interface FakeGoogleClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** The scopes Google grants for "Sign in with Google"; consent to all three is implicit here. */
export const GRANTED_SCOPES = ['openid', 'email', 'profile'] as const;

/** Path of the sign-in page for one interaction; the routes in `interactions.ts` serve it. */
export function interactionPath(uid: string): string {
  return `/interaction/${uid}`;
}

/** Path of the generated avatar that stands in for the Google profile photo. */
export function avatarPath(sub: string): string {
  return `/avatar/${encodeURIComponent(sub)}.svg`;
}

/** The OIDC claims of an account, as Google releases them (`email_verified` is always true for Gmail). */
export function claimsOf(account: FakeGoogleAccount, issuer: string, brand: OidcBrand = GOOGLE_BRAND) {
  return {
    sub: account.sub,
    email: account.email,
    ...(brand.assertsEmailVerified ? { email_verified: account.emailVerified ?? true } : {}),
    name: `${account.givenName} ${account.familyName}`,
    given_name: account.givenName,
    family_name: account.familyName,
    picture: account.picture ?? `${issuer}${avatarPath(account.sub)}`,
  };
}

/**
 * A fresh RS256 signing key per start. Not persisted on purpose: codes, sessions and tokens live in
 * memory and die with the process anyway, and the relying party fetches the JWKS when it verifies an
 * ID token, so a new key after a restart breaks nothing and leaves no private key lying on disk.
 */
async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const kid = await calculateJwkThumbprint({ kty: 'RSA', e: jwk.e, n: jwk.n });
  return { ...jwk, kid, alg: 'RS256', use: 'sig' } as JWK;
}

/**
 * Google's "choose an account" step, simplified: the sign-in page is shown on every authorization
 * request (unless `prompt=none`), so a developer can switch between seeded accounts without clearing
 * cookies. Signing in as someone else goes through oidc-provider's own end-session step first, which
 * also revokes the previous account's grant (its access tokens stop working at userinfo).
 */
function alwaysSignInPolicy() {
  const policy = interactionPolicy.base();
  const { Check, Prompt } = interactionPolicy;
  // Google accepts `prompt=select_account`; our sign-in page is the account choice, so it resolves it.
  policy.add(new Prompt({ name: 'select_account', requestable: true }), 1);
  policy
    .get('login')
    ?.checks.add(
      new Check('sign_in_every_time', 'the fake Google asks who signs in on every request', (ctx) =>
        ctx.oidc.result?.login || ctx.oidc.prompts.has('none')
          ? Check.NO_NEED_TO_PROMPT
          : Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}

/**
 * Consent is implicit, as for a Google app the user already trusts: the grant for `openid email profile`
 * (and any claims requested by name) is created or topped up here, so no consent screen is needed.
 */
async function implicitGrant(ctx: KoaContextWithOIDC) {
  const { client, session } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const found = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
  const grant =
    found && found.accountId === session.accountId
      ? found
      : new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  grant.addOIDCScope([...GRANTED_SCOPES]);
  if (ctx.oidc.requestParamClaims.size) grant.addOIDCClaims(ctx.oidc.requestParamClaims);
  await grant.save();
  return grant;
}

/** Everything `createProvider` needs to know. */
export interface ProviderOptions {
  issuer: string;
  clients: readonly FakeGoogleClient[];
  accounts: AccountStore;
  /** Prefix for cookie names: cookies are per host, not per port, so services on 127.0.0.1 must not collide. */
  cookiePrefix: string;
  log: (line: string) => void;
  brand: OidcBrand;
}

/** Builds the oidc-provider instance configured as a Google look-alike. */
export async function createProvider(opts: ProviderOptions): Promise<Provider> {
  const { issuer, accounts, log, brand } = opts;
  const clients: ClientMetadata[] = opts.clients.map((c) => ({
    client_id: c.clientId,
    client_secret: c.clientSecret,
    redirect_uris: [...c.redirectUris],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // oidc-provider accepts client_secret_post as well for a client registered with _basic (both
    // are "client secret" methods), so the relying party may use either, as with Google.
    token_endpoint_auth_method: 'client_secret_basic',
  }));

  const configuration: Configuration = {
    adapter: createMemoryAdapterFactory(),
    clients,
    jwks: { keys: [await generateSigningKey()] },
    cookies: {
      names: {
        session: `${opts.cookiePrefix}_session`,
        interaction: `${opts.cookiePrefix}_interaction`,
        resume: `${opts.cookiePrefix}_interaction_resume`,
      },
      // Random per start: signed cookies from a previous run are simply ignored.
      keys: [randomBytes(32).toString('base64url')],
      // Plain http on loopback: oidc-provider only marks cookies `secure` when the request is https,
      // so nothing else is needed; `lax` lets the top-level redirects from the relying party carry them.
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    async findAccount(_ctx, sub) {
      const account = accounts.bySub(sub);
      if (!account) return undefined;
      return { accountId: account.sub, claims: () => claimsOf(account, issuer, brand) };
    },
    scopes: [...GRANTED_SCOPES],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'picture'],
    },
    // Google puts the profile claims in the ID token of the code flow too; oidc-provider by default
    // keeps them for userinfo only, which would leave the relying party without an email.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    // Google's two methods; discovery then advertises exactly these.
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    features: {
      // Our own sign-in page replaces the development interactions.
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      // Google offers none of these; turning them off keeps discovery Google-like.
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: { enabled: false },
      // Kept on because oidc-provider uses its end-session step to switch accounts in one browser.
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sign out – Google Accounts (Gatehouse dev)</title></head><body>${form}<p>Sign out of the fake Google?</p><button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button><button type="submit" form="op.logoutForm">Stay signed in</button></body></html>`;
        },
        postLogoutSuccessSource(ctx) {
          ctx.body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Signed out – Google Accounts (Gatehouse dev)</title></head><body><p>You are signed out of the fake Google${ctx.oidc.client ? ` (${escapeHtml(ctx.oidc.client.clientId)})` : ''}.</p></body></html>`;
        },
      },
    },
    interactions: {
      policy: alwaysSignInPolicy(),
      url: (_ctx, interaction) => interactionPath(interaction.uid),
    },
    loadExistingGrant: implicitGrant,
    // The relying party (Cognito) talks to us from a server, never from a browser page.
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 5 * 60,
      IdToken: 60 * 60,
      Interaction: 30 * 60,
      Session: 24 * 60 * 60,
      Grant: 24 * 60 * 60,
      RefreshToken: 14 * 24 * 60 * 60,
    },
    async renderError(ctx, out) {
      ctx.set(PAGE_HEADERS);
      ctx.body = renderErrorPage(brand.name, String(out.error), out.error_description);
    },
  };

  const provider = new Provider(issuer, configuration);
  // Loopback HTTP, no reverse proxy: never trust X-Forwarded-* headers.
  provider.proxy = false;

  // Say why a request failed (never print codes or tokens: only the error and its description).
  const explain =
    (what: string) => (ctx: KoaContextWithOIDC, err: { message?: string; error_description?: string }) =>
      log(
        `fake ${brand.name}: ${what} rejected${ctx.oidc?.client ? ` for client ${ctx.oidc.client.clientId}` : ''}: ${err.message ?? 'error'}${err.error_description ? ` (${err.error_description})` : ''}`,
      );
  provider.on('authorization.error', explain('authorization request'));
  provider.on('grant.error', explain('token request'));
  provider.on('userinfo.error', explain('userinfo request'));
  provider.on('server_error', (_ctx, err) =>
    log(`fake ${brand.name}: internal error: ${err.stack ?? err.message}`),
  );
  return provider;
}
