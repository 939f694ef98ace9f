// The Electron fuses every packaged Gatehouse binary gets (flipped by packaging/afterPack.mjs, read
// back by the packaging test). One list, so the hook and the test cannot disagree.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Fuse settings in @electron/fuses' shape. */
export const GATEHOUSE_FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The marker @electron/fuses looks for; a binary without it has no fuse wire (a placeholder). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
