import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../../src/main/core/config';
import { createFederatedSignIn } from '../../../../../src/main/core/hostedUi/federatedSignIn';
import { createFirstLinkRetry, FirstLinkFailure } from '../../../../../src/main/core/hostedUi/firstLink';
import { createLogger } from '../../../../../src/main/core/log';

/**
 * Cognito fails the federated sign-in during which the pre-sign-up trigger linked the identity
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html;
 * the redirect carries error=invalid_request and "Already found an entry for username <Provider>_<id>").
 */
/** What a promise rejected with (FirstLinkFailure is internal to main, not a GatehouseError). */
async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const FIRST_LINK = 'Already+found+an+entry+for+username+Google_104729384756102938475';

function flow() {
  const opened: string[] = [];
  const config = loadConfig({
    GATEHOUSE_COGNITO_ENDPOINT: 'http://127.0.0.1:9',
    GATEHOUSE_HTTP_TIMEOUT_MS: '500',
  });
  const federated = createFederatedSignIn({
    config,
    ttlMs: 60_000,
    http: axios.create(),
    openBrowser: async (url) => {
      opened.push(url);
    },
    clock: { now: () => 1_700_000_000_000 },
    log: createLogger(() => {}),
  });
  const linking: string[] = [];
  const retry = createFirstLinkRetry({
    linking: (provider) => linking.push(provider),
    restart: (provider) => federated.start(provider),
  });
  const errorLink = async () => {
    const state = new URL(opened.at(-1) ?? '').searchParams.get('state');
    return `gatehouse://auth/callback?error=invalid_request&error_description=${FIRST_LINK}&state=${state}`;
  };
  return { federated, retry, opened, linking, errorLink };
}

describe('the first-link failure', () => {
  it('is told apart from any other invalid_request and names the provider', async () => {
    const { federated, errorLink } = flow();
    await federated.start('Google');
    const error = await caught(federated.handleRedirect(await errorLink()));
    expect(error).toBeInstanceOf(FirstLinkFailure);
    expect((error as FirstLinkFailure).provider).toBe('Google');
  });

  it('restarts the sign-in once, then lets a second one fail as an error', async () => {
    const { federated, retry, opened, linking, errorLink } = flow();
    await federated.start('Google');
    const first = await caught(federated.handleRedirect(await errorLink()));
    expect(await retry.handled(first)).toBe(true);
    expect(linking).toEqual(['Google']);
    expect(opened).toHaveLength(2);
    expect(new URL(opened[1] ?? '').searchParams.get('identity_provider')).toBe('Google');

    const again = await caught(federated.handleRedirect(await errorLink()));
    expect(await retry.handled(again)).toBe(false);
    expect(opened).toHaveLength(2);
    // A sign-in the user starts anew may be restarted once again.
    retry.reset();
    expect(await retry.handled(again)).toBe(true);
  });

  it('is not any other failure', async () => {
    const { retry, opened } = flow();
    expect(await retry.handled(new Error('Already found an entry for username Google_1'))).toBe(false);
    expect(opened).toEqual([]);
  });
});
