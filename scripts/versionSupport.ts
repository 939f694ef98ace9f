/**
 * Which Node major each Electron major embeds, from Electron's release notes. Electron bumps Node
 * only in a new major, so one row per major is enough; add the new major's row when pinning it.
 */
export const EMBEDDED_NODE_MAJOR: Readonly<Record<number, number>> = {
  41: 24,
  42: 24,
  43: 24,
  44: 24,
  45: 24,
};

/** Electron supports its latest three majors. */
export const SUPPORTED_ELECTRON_MAJORS = 3;

export interface VersionReport {
  lines: string[];
  ok: boolean;
}

/** Judges the pinned Electron against the registry's latest, and the project's Node against Electron's. */
export function judgeVersions(input: {
  pinnedElectron: string;
  latestElectron: string;
  projectNodeMajor: number;
}): VersionReport {
  const pinned = major(input.pinnedElectron);
  const latest = major(input.latestElectron);
  const oldestSupported = latest - SUPPORTED_ELECTRON_MAJORS + 1;
  const lines: string[] = [];
  let ok = true;
  if (pinned >= oldestSupported) {
    lines.push(
      `Electron ${input.pinnedElectron}: supported (latest is ${input.latestElectron}; supported majors ${oldestSupported}–${latest})`,
    );
  } else {
    ok = false;
    lines.push(
      `Electron ${input.pinnedElectron}: OUT OF SUPPORT (latest is ${input.latestElectron}; supported majors ${oldestSupported}–${latest}) — move the pin to ${latest}.x`,
    );
  }
  const embedded = EMBEDDED_NODE_MAJOR[pinned];
  if (embedded === undefined) {
    ok = false;
    lines.push(
      `Node: unknown for Electron ${pinned} — add its row to EMBEDDED_NODE_MAJOR (scripts/versionSupport.ts) from the release notes`,
    );
  } else if (embedded === input.projectNodeMajor) {
    lines.push(`Node ${input.projectNodeMajor}: matches the Node ${embedded} that Electron ${pinned} embeds`);
  } else {
    ok = false;
    lines.push(
      `Node ${input.projectNodeMajor}: MISMATCH — Electron ${pinned} embeds Node ${embedded}; the core is tested under another major than it runs on (update .nvmrc and scripts/node-toolchain.sh)`,
    );
  }
  return { lines, ok };
}

function major(version: string): number {
  const value = Number.parseInt(version.replace(/^[^\d]*/, ''), 10);
  if (!Number.isInteger(value)) throw new Error(`not a version: ${version}`);
  return value;
}
