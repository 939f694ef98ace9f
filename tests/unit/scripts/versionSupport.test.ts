import { describe, expect, it } from 'vitest';
import { judgeVersions } from '../../../scripts/versionSupport';

describe('judgeVersions', () => {
  it('accepts a pin within the latest three majors whose Node matches the project', () => {
    const report = judgeVersions({
      pinnedElectron: '43.1.0',
      latestElectron: '45.5.0',
      projectNodeMajor: 24,
    });
    expect(report.ok).toBe(true);
    expect(report.lines[0]).toContain('supported majors 43–45');
  });

  it('fails a pin older than the latest three majors', () => {
    const report = judgeVersions({
      pinnedElectron: '42.0.0',
      latestElectron: '45.5.0',
      projectNodeMajor: 24,
    });
    expect(report.ok).toBe(false);
    expect(report.lines[0]).toContain('OUT OF SUPPORT');
  });

  it('fails when the project Node major differs from the one Electron embeds', () => {
    const report = judgeVersions({
      pinnedElectron: '45.5.0',
      latestElectron: '45.5.0',
      projectNodeMajor: 22,
    });
    expect(report.ok).toBe(false);
    expect(report.lines[1]).toContain('embeds Node 24');
  });

  it('fails on an Electron major it has no Node row for', () => {
    const report = judgeVersions({
      pinnedElectron: '46.0.0',
      latestElectron: '46.0.0',
      projectNodeMajor: 24,
    });
    expect(report.ok).toBe(false);
    expect(report.lines[1]).toContain('EMBEDDED_NODE_MAJOR');
  });
});
