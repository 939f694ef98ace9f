import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'cognito-local/lib/services/context';
import type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService';
import { withAttributes } from '../cognito/users.js';
import type { GoogleClaims } from './googleIdp.js';

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
  const user = withAttributes(base, {
    email: claims.email,
    // Google only releases verified Gmail addresses; the pool maps it as verified.
    email_verified: String(claims.email_verified),
    given_name: claims.given_name,
    family_name: claims.family_name,
  });
  await pool.saveUser(ctx, user);
  return user;
}
