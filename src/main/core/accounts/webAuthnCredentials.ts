import type { PasswordPolicy } from '../../../shared/ipc/contract';
import type { TokenSet } from '../tokens/tokenSet';
import { createPoolCaller, type UserPool } from './userPool';

/**
 * The signed-in user's passkeys on the user-pool API, authorised by their access token:
 * ListWebAuthnCredentials
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListWebAuthnCredentials.html)
 * and DeleteWebAuthnCredential
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteWebAuthnCredential.html).
 * Adding one happens in managed login in the browser (hostedUi/passkeyAdd.ts), not here.
 */

/** One passkey as Cognito describes it (WebAuthnCredentialDescription); Cognito keeps no "last used". */
export interface PasskeyDescription {
  credentialId: string;
  /** Cognito's name for it (from the authenticator's AAGUID, or the name given at registration). */
  name: string;
  /** When it was registered, in epoch milliseconds. */
  createdAt: number;
  /** `platform` (built into the device) or `cross-platform` (a security key, a phone), when known. */
  attachment?: string;
}

/** The passkey calls. */
export interface WebAuthnCredentials {
  /** ListWebAuthnCredentials, every page (`MaxResults` 20, `NextToken`). */
  listPasskeys(tokens: TokenSet): Promise<PasskeyDescription[]>;
  /** DeleteWebAuthnCredential: the passkey no longer signs in. */
  deletePasskey(tokens: TokenSet, credentialId: string): Promise<void>;
}

/** ListWebAuthnCredentials' largest page (API reference, MaxResults "Valid Range: 0–20"). */
const PAGE_SIZE = 20;
/** More pages than a user can have passkeys: a service that keeps answering NextToken is not followed forever. */
const MAX_PAGES = 10;

/** `CreatedAt` is a timestamp: epoch seconds in the AWS JSON protocol. */
function epochMs(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  return 0;
}

function descriptionOf(raw: unknown): PasskeyDescription | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const item = raw as Record<string, unknown>;
  if (typeof item.CredentialId !== 'string' || item.CredentialId === '') return undefined;
  return {
    credentialId: item.CredentialId,
    name: typeof item.FriendlyCredentialName === 'string' ? item.FriendlyCredentialName : 'Passkey',
    createdAt: epochMs(item.CreatedAt),
    ...(typeof item.AuthenticatorAttachment === 'string' ? { attachment: item.AuthenticatorAttachment } : {}),
  };
}

/** Creates the passkey calls over the pool's transport. */
export function createWebAuthnCredentials(userPool: UserPool, policy: PasswordPolicy): WebAuthnCredentials {
  const call = createPoolCaller(userPool, policy);

  return {
    async listPasskeys(tokens) {
      const found: PasskeyDescription[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const answer = await call('listPasskeys', 'ListWebAuthnCredentials', {
          AccessToken: tokens.accessToken,
          MaxResults: PAGE_SIZE,
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        });
        const items = Array.isArray(answer.Credentials) ? answer.Credentials : [];
        for (const item of items) {
          const passkey = descriptionOf(item);
          if (passkey !== undefined) found.push(passkey);
        }
        nextToken =
          typeof answer.NextToken === 'string' && answer.NextToken !== '' ? answer.NextToken : undefined;
        if (nextToken === undefined) break;
      }
      return found;
    },

    async deletePasskey(tokens, credentialId) {
      await call('deletePasskey', 'DeleteWebAuthnCredential', {
        AccessToken: tokens.accessToken,
        CredentialId: credentialId,
      });
    },
  };
}
