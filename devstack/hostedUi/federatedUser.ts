import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'cognito-local/lib/services/context';
import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService';
import { googleProvider } from '../../src/shared/poolDefinition.js';
import { withAttributes } from '../cognito/users.js';
import type { GoogleClaims } from './googleIdp.js';

/** The pool attributes the definition's attribute mapping takes from Google's claims (absent claims are skipped). */
export function mappedAttributes(claims: GoogleClaims): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [attribute, claim] of Object.entries(googleProvider().attributeMapping)) {
    const value = (claims as unknown as Record<string, unknown>)[claim];
    out[attribute] = value === undefined ? undefined : String(value);
  }
  return out;
}

/**
 * Finds or creates the pool's federated user `Google_<sub>` and refreshes its mapped attributes
 * on every sign-in, as Cognito's attribute mapping does. Like Cognito, this never links to a
 * password user with the same e-mail: that is a separate user.
 */
export async function upsertGoogleUser(
  ctx: Context,
  pool: UserPoolService,
  claims: GoogleClaims,
): Promise<User> {
  const username = `Google_${claims.sub}`;
  const existing = await pool.getUserByUsername(ctx, username);
  const now = new Date();
  const base: User = existing ?? {
    Username: username,
    Attributes: [
      { Name: 'sub', Value: randomUUID() },
      {
        Name: 'identities',
        Value: JSON.stringify([
          {
            userId: claims.sub,
            providerName: 'Google',
            providerType: 'Google',
            issuer: null,
            primary: 'true',
            dateCreated: String(now.getTime()),
          },
        ]),
      },
    ],
    Enabled: true,
    UserStatus: 'EXTERNAL_PROVIDER',
    // Federated users have no password; this random value is never usable (password sign-in refuses them).
    Password: randomBytes(32).toString('base64url'),
    RefreshTokens: [],
    UserCreateDate: now,
    UserLastModifiedDate: now,
  };
  const user = withAttributes(base, mappedAttributes(claims));
  await pool.saveUser(ctx, user);
  return user;
}
