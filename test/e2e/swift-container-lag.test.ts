// swift-container-lag on the real Swift stack: c3 cut for two 5 MiB segments of an upload. Each outcome seen on
// these machines is the reproduction: the commit fails (BLOB_UPLOAD_INVALID or DIGEST_INVALID), or it succeeds
// and reads are short.
import { describe, expect, it } from 'vitest';
import { scenarioRun } from './lab-cli.ts';

const run = (variant?: string) => scenarioRun('swift-container-lag', variant, 180_000, 2);

describe('swift-container-lag', () => {
  it('reproduces: the commit reads the stale listing, or reads of the blob come back short', async () => {
    const { status, verdict, ops, events } = await run();
    expect(verdict.verdict, JSON.stringify(verdict.checks)).toBe('reproduced');
    expect(status).toBe(0);
    const cut = events.filter((e) => (e.type === 'fault.applied' || e.type === 'fault.healed') && e.fault === 'c3-down');
    expect(cut.map((e) => e.type)).toEqual(['fault.applied', 'fault.healed']);
    // two segments were written while c3 was cut
    const during = ops.filter((o) => o.kind === 'upload-patch' && o.invokedAt > cut[0]!.t && o.completedAt! < cut[1]!.t);
    expect(during).toHaveLength(2);
    const commit = ops.find((o) => o.kind === 'upload-commit')!;
    const evidence: string[] = verdict.checks['stale-container-listing'].evidence;
    if (commit.outcome === 'fail') {
      expect([400, 404]).toContain(commit.status);
      expect(evidence[0]).toBe('commit refused: 1 upload-commit fail error ~ BLOB_UPLOAD_INVALID|DIGEST_INVALID after c3-down (at least 1)');
      expect(evidence[1]).toMatch(/^ {2}op \d+ upload-commit fail HTTP (404|400) after \d+\.\d s: .*(BLOB_UPLOAD_INVALID|DIGEST_INVALID)/);
    } else {
      const short = ops.filter((o) => o.kind === 'get-blob' && o.outcome === 'fail');
      expect(short.length).toBeGreaterThan(0);
      expect(evidence.find((l) => l.startsWith('read back wrong: '))).toMatch(/^read back wrong: [1-9]\d* ops read back wrong after c3-down \(at least 1\)$/);
      expect(verdict.checks.integrity.valid).toBe(false);
    }
  });

  it('holds with an object-updater pass and a cache flush before the commit and the reads', async () => {
    const { status, verdict, ops, events } = await run('mitigated');
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('holds');
    expect(events.find((e) => e.type === 'fault.action' && e.fault === 'update')).toMatchObject({
      kind: 'daemon-pass',
      targets: [{ component: 'object-store', resource: 'object-updater' }],
    });
    expect(ops.find((o) => o.kind === 'upload-commit')).toMatchObject({ outcome: 'ok' });
    const reads = ops.filter((o) => o.kind === 'get-blob');
    expect(reads).toHaveLength(16);
    expect(reads.every((o) => o.outcome === 'ok')).toBe(true);
  });
});
