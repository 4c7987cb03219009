// backend-switch-empty on the real stack: the registry restarted on a new bucket of the same object store.
import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../lab/core/events/schema.ts';
import { refOf } from '../../lab/ops/history.ts';
import { scenarioRun } from './lab-cli.ts';

async function run(variant?: string) {
  const r = await scenarioRun('backend-switch-empty', variant);
  return { ...r, sw: r.events.find((e): e is EventOf<'fault.applied'> => e.type === 'fault.applied' && e.kind === 'bucket-switch')! };
}

describe('backend-switch-empty', () => {
  it('reproduces: after the switch to the empty bucket, images pushed before get 404; the new push pulls', async () => {
    const { status, verdict, ops, sw } = await run();
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    expect(sw.detail).toMatchObject({ from: 'registry', to: 'registry-restricted', objects: 0 });
    const before = ops.filter((o) => o.kind === 'push' && o.completedAt! < sw.t).map((o) => refOf(o));
    expect(before).toHaveLength(3);
    for (const p of ops.filter((o) => o.kind === 'pull' && o.invokedAt > sw.t && before.includes(refOf(o)))) {
      expect(p).toMatchObject({ outcome: 'fail', status: 404 });
      expect(p.error).toMatch(/MANIFEST_UNKNOWN/);
    }
    const fresh = ops.find((o) => o.kind === 'push' && o.invokedAt > sw.t)!;
    expect(ops.find((o) => o.kind === 'pull' && refOf(o) === refOf(fresh))).toMatchObject({ outcome: 'ok' });
  });

  it('holds when the images were copied into the new bucket before the switch', async () => {
    const { status, verdict, events, ops, sw } = await run('copied');
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('holds');
    const copy = events.find((e): e is EventOf<'fault.action'> => e.type === 'fault.action' && e.kind === 'bucket-copy')!;
    expect(copy.detail.objects as number).toBeGreaterThan(10);
    expect(sw.detail.objects).toBe(copy.detail.objects);
    expect(ops.filter((o) => o.kind === 'pull' && o.invokedAt > sw.t).every((o) => o.outcome === 'ok')).toBe(true);
  });
});
