// quota-exhausted on the real stack: a Ceph user quota set with radosgw-admin runs out mid-push.
import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../lab/core/events/schema.ts';
import { scenarioRun } from './lab-cli.ts';

const run = (variant?: string) => scenarioRun('quota-exhausted', variant);

describe('quota-exhausted', () => {
  it('reproduces: RGW answers 403 mid-push, the push fails, nothing acknowledged is lost, pushes work after the raise', async () => {
    const { status, verdict, events, ops } = await run();
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    const applied = events.find((e): e is EventOf<'fault.applied'> => e.type === 'fault.applied' && e.kind === 'quota')!;
    expect(applied.detail).toMatchObject({ quotaEnabled: true, quotaBytes: 3 << 20 });
    expect(applied.detail.usedBytes as number).toBeGreaterThan(2 << 20);
    const refused = events.filter((e) => e.type === 'access' && e.component === 'object-store' && e.status === 403 && e.t > applied.t);
    expect(refused.length).toBeGreaterThan(0);
    const pushes = ops.filter((o) => o.kind === 'push');
    expect(pushes.map((o) => o.outcome)).toEqual(['ok', 'ok', 'info', 'ok']);
    expect(pushes[2]!.status).toBe(500);
    // the blobs of the refused push that did land are not part of any acknowledged image; every acknowledged one pulls intact
    expect(verdict.checks.durability.valid).toBe(true);
    expect(verdict.checks.integrity.valid).toBe(true);
  });

  it('holds when the quota is raised before it runs out', async () => {
    const { status, verdict, ops } = await run('raised-early');
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('holds');
    expect(ops.filter((o) => o.kind === 'push').map((o) => o.outcome)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });
});
