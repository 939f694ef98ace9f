import type { PoolIdentityProvider } from '../../src/shared/poolDefinition.js';
import { fetchJson } from './federatedIdp.js';
import { OAuthProfileIdp, withSub } from './oauthProfileIdp.js';

/** Graph API version the pool calls, as Cognito's Facebook `api_version` provider detail sets it. */
export const FACEBOOK_API_VERSION = 'v17.0';

/** The pool registered at Facebook: the app id and app secret (Cognito's client id and secret). */
export interface FacebookRegistration {
  /** Base URL of www.facebook.com (the dialog) and graph.facebook.com (token, `/me`): one server here. */
  baseUrl: string;
  appId: string;
  appSecret: string;
}

/**
 * Facebook as Cognito federates it: the login dialog, the code exchange with the app secret, and
 * Graph `/me` with the fields the attribute mapping reads; `id` is the user's `sub`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-social-idp.html,
 * https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow).
 */
export function facebookIdp(provider: PoolIdentityProvider, reg: FacebookRegistration, callbackUrl: string) {
  const graph = `${reg.baseUrl}/${FACEBOOK_API_VERSION}`;
  const fields = ['id', ...new Set(Object.values(provider.attributeMapping))].join(',');
  return new OAuthProfileIdp(
    provider,
    {
      authorizationUrl: ({ state, redirectUri, scopes }) =>
        `${graph}/dialog/oauth?${new URLSearchParams({ client_id: reg.appId, redirect_uri: redirectUri, state, response_type: 'code', scope: scopes.join(',') })}`,
      async accessToken(code, redirectUri) {
        const query = new URLSearchParams({
          client_id: reg.appId,
          client_secret: reg.appSecret,
          redirect_uri: redirectUri,
          code,
        });
        const body = await fetchJson(`${graph}/oauth/access_token?${query}`, {}, 'Facebook token exchange');
        if (typeof body.access_token !== 'string')
          throw new Error('Facebook token exchange: no access_token');
        return body.access_token;
      },
      async profile(accessToken) {
        const body = await fetchJson(
          `${graph}/me?${new URLSearchParams({ fields })}`,
          { headers: { authorization: `Bearer ${accessToken}` } },
          'Facebook Graph /me',
        );
        return withSub(body, 'id');
      },
    },
    callbackUrl,
  );
}

/** The pool registered at Login with Amazon: a security profile's client id and secret. */
export interface AmazonRegistration {
  /** Base URL of www.amazon.com (`/ap/oa`) and api.amazon.com (token, profile): one server here. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Login with Amazon as Cognito federates it: `/ap/oa`, the code exchange at `/auth/o2/token`, and
 * the customer profile, whose `user_id` is the user's `sub`
 * (https://developer.amazon.com/docs/login-with-amazon/authorization-code-grant.html).
 */
export function amazonIdp(provider: PoolIdentityProvider, reg: AmazonRegistration, callbackUrl: string) {
  return new OAuthProfileIdp(
    provider,
    {
      authorizationUrl: ({ state, redirectUri, scopes }) =>
        `${reg.baseUrl}/ap/oa?${new URLSearchParams({ client_id: reg.clientId, scope: scopes.join(' '), response_type: 'code', redirect_uri: redirectUri, state })}`,
      async accessToken(code, redirectUri) {
        const body = await fetchJson(
          `${reg.baseUrl}/auth/o2/token`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              grant_type: 'authorization_code',
              code,
              redirect_uri: redirectUri,
              client_id: reg.clientId,
              client_secret: reg.clientSecret,
            }),
          },
          'Amazon token exchange',
        );
        if (typeof body.access_token !== 'string') throw new Error('Amazon token exchange: no access_token');
        return body.access_token;
      },
      async profile(accessToken) {
        const body = await fetchJson(
          `${reg.baseUrl}/user/profile`,
          { headers: { authorization: `Bearer ${accessToken}` } },
          'Amazon profile',
        );
        return withSub(body, 'user_id');
      },
    },
    callbackUrl,
  );
}
