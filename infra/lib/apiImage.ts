/**
 * What `server/Dockerfile` must be given to build: its Node base image pinned by digest, and the
 * SHA-256 of Amazon RDS's CA bundle that `ADD --checksum` checks the download against. The
 * Dockerfile has no defaults for either, so a build that is not handed both fails.
 */

/**
 * `node:24-bookworm-slim` pinned by digest (Node 24.18.0). Docker cannot run on the development
 * machines, so this digest could not be pulled and checked here: it is the one three unrelated
 * public projects pin for that tag. Check it (`docker buildx imagetools inspect node:24-bookworm-slim`)
 * and move it forward deliberately, never by tag.
 */
export const NODE_BASE_IMAGE =
  'node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d';

/** The context key (`--context rdsCaBundleSha256=…`) carrying the RDS CA bundle's SHA-256. */
export const RDS_CA_CHECKSUM_KEY = 'rdsCaBundleSha256';

const PINNED_IMAGE = /^node:24-bookworm-slim@sha256:[0-9a-f]{64}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The Docker build arguments, or an error naming what is missing. `checksum` is the hex SHA-256 of
 * https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem as the deployer downloaded
 * and reviewed it (`curl -fsS <url> | sha256sum`); AWS publishes no checksum for it.
 */
export function apiImageBuildArgs(checksum: unknown): Record<string, string> | string {
  if (!PINNED_IMAGE.test(NODE_BASE_IMAGE)) return 'NODE_BASE_IMAGE must be pinned by sha256 digest';
  if (typeof checksum !== 'string' || !SHA256.test(checksum)) {
    return `${RDS_CA_CHECKSUM_KEY}: is required, the 64 hex digits of the RDS CA bundle's SHA-256 (--context ${RDS_CA_CHECKSUM_KEY}=…)`;
  }
  return { NODE_IMAGE: NODE_BASE_IMAGE, RDS_CA_BUNDLE_SHA256: checksum };
}
