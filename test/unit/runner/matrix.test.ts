import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../lab/core/run-files.ts';
import { combinations, matrixExitCode, matrixTable, runMatrix } from '../../../lab/runner/matrix.ts';
import { validate } from '../../../lab/scenario/load.ts';
import streamIdle504 from '../../../scenarios/stream-idle-504.ts';
import swiftReplicaDown from '../../../scenarios/swift-replica-down.ts';

const verdict = (v: Verdict['verdict'], exitCode: Verdict['exitCode'], seen: boolean[]): Verdict => ({
  verdict: v,
  exitCode,
  expected: 'reproduced',
  checks: Object.fromEntries(seen.map((s, i) => [`symptom-${i}`, { kind: 'symptom' as const, valid: s, evidence: [] }])),
  crashes: [],
});
const loaded = (raw: unknown, shown: string) => ({ scenario: validate(raw, shown), raw, shown });

describe('lab matrix', () => {
  it('runs every combination of object store and registry version that applies, in order', async () => {
    const ran: string[] = [];
    const rows = await runMatrix(
      { ...loaded(streamIdle504, 'x.ts'), file: 'x.ts' },
      async (s) => {
        ran.push(`${s.topology['object-store']!.product} ${s.topology.registry.version}`);
        return { verdict: verdict('reproduced', 0, [true]), run: 'runs/x' };
      },
      () => {},
    );
    expect(ran).toEqual(['ceph 2.8', 'ceph 3', 'minio 2.8', 'minio 3']);
    expect(rows).toHaveLength(combinations().length);
  });

  it('keeps a scenario on its own store when it is not on S3, and shows a combination that cannot apply as such', async () => {
    const ran: string[] = [];
    const rows = await runMatrix(
      { ...loaded(swiftReplicaDown, 'x.ts'), file: 'x.ts' },
      async (s, c) => {
        ran.push(`${s.topology['object-store']!.product} ${c.registry}`);
        return { verdict: verdict('reproduced', 0, [true]), run: 'r' };
      },
      () => {},
    );
    expect(ran).toEqual(['swift 2.8']);
    expect(matrixTable('swift-replica-down', rows).slice(2)).toEqual([
      '| swift, Distribution 2.8 | reproduced | 1/1 | 0.0 s |',
      expect.stringMatching(/^\| swift, Distribution 3 \| cannot apply \| .*swift storage needs 2\.8 \| - \|$/),
    ]);
    expect(matrixExitCode(rows)).toBe(0);
    const asked = await runMatrix(
      { ...loaded(swiftReplicaDown, 'x.ts'), file: 'x.ts' },
      async () => ({ verdict: verdict('reproduced', 0, [true]), run: 'r' }),
      () => {},
      { backend: ['ceph'] },
    );
    expect(asked.every((r) => r.notApplicable?.includes('not on an S3 object store: --backend does not apply'))).toBe(true);
    expect(matrixExitCode(asked)).toBe(2);
  });

  it('adds the Ceph releases to the ceph rows and the runtimes to every row, when asked', async () => {
    const ran: string[] = [];
    const rows = await runMatrix(
      { ...loaded(streamIdle504, 'x.ts'), file: 'x.ts' },
      async (s, c) => {
        ran.push(`${s.topology['object-store']!.product} ${(s.topology['object-store'] as { version?: string }).version ?? '-'} ${c.runtime}`);
        return { verdict: verdict('reproduced', 0, [true]), run: 'r' };
      },
      () => {},
      { registry: ['2.8'], ceph: ['16', '20'], runtime: ['native', 'container'] },
    );
    expect(ran).toEqual(['ceph 16 native', 'ceph 16 container', 'ceph 20 container', 'minio - native', 'minio - container']);
    expect(
      matrixTable('stream-idle-504', rows)
        .slice(2)
        .map((l) => l.split(' | ').slice(0, 2).join(' | ')),
    ).toEqual([
      '| ceph 16, Distribution 2.8, native | reproduced',
      '| ceph 16, Distribution 2.8, container | reproduced',
      '| ceph 20, Distribution 2.8, native | cannot apply',
      '| ceph 20, Distribution 2.8, container | reproduced',
      '| minio, Distribution 2.8, native | reproduced',
      '| minio, Distribution 2.8, container | reproduced',
    ]);
    expect(rows[2]!.notApplicable).toBe('stream-idle-504: ceph 20 runs in containers only (natively: 16): run it with --runtime container');
  });

  it('prints verdict, symptoms seen and wall time, and exits with the worst code', () => {
    const rows = [
      { backend: 'ceph', registry: '2.8', verdict: verdict('reproduced', 0, [true, true]), seconds: 10.61 },
      { backend: 'minio', registry: '3', verdict: verdict('not reproduced', 1, [true, false]), seconds: 8.6 },
    ];
    expect(matrixTable('stream-idle-504', rows)).toEqual([
      '| stream-idle-504 | verdict | symptoms seen | wall |',
      '|---|---|---|---|',
      '| ceph, Distribution 2.8 | reproduced | 2/2 | 10.6 s |',
      '| minio, Distribution 3 | not reproduced | 1/2 (not seen: symptom-1) | 8.6 s |',
    ]);
    expect(matrixExitCode(rows)).toBe(1);
    const hang: Verdict = {
      ...verdict('reproduced', 0, []),
      checks: { liveness: { kind: 'invariant', valid: false, evidence: [] }, durability: { kind: 'invariant', valid: true, evidence: [] } },
    };
    expect(matrixTable('push-hangs', [{ backend: 'ceph', registry: '3', verdict: hang, seconds: 28.1 }])[2]).toBe(
      '| ceph, Distribution 3 | reproduced | violated: liveness | 28.1 s |',
    );
    expect(matrixExitCode(rows.slice(0, 1))).toBe(0);
  });
});
