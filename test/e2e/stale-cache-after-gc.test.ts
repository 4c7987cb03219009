// stale-cache-after-gc on the real stack: GC in read-only mode deletes an image's blobs, the Redis cache still
// answers for them; flushing it after GC makes HEAD honest.
import { describe, expect, it } from 'vitest';
import { history, opsOf, type OpOf } from '../../lab/ops/history.ts';
import { scenarioRun } from './lab-cli.ts';

const run = (variant?: string) => scenarioRun('stale-cache-after-gc', variant, 180_000, 6);

describe('stale-cache-after-gc', () => {
  it('reproduces: GC deleted the layers of the deleted image, HEAD still answers 200 for them', async () => {
    const { status, verdict, events } = await run();
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    const ops = history(events);
    const image0 = opsOf(ops, 'push')[0]!;
    const [dry, gc] = opsOf(ops, 'gc') as [OpOf<'gc'>, OpOf<'gc'>];
    // the dry run named the same blobs and deleted none
    expect(dry.args.dryRun).toBe(true);
    expect([...dry.value!.wouldDelete!].sort()).toEqual([...gc.value!.deleted!].sort());
    const layers = opsOf(ops, 'head').filter((o) => o.invokedAt > gc.completedAt!);
    expect(layers).toHaveLength(2);
    const deleted = gc.value!.deleted!;
    for (const h of layers) {
      expect(deleted).toContain(h.args.digest);
      expect(h).toMatchObject({ outcome: 'ok', value: { exists: true } });
    }
    expect(verdict.checks['honest-errors'].evidence).toEqual(
      layers.map((h) => `op ${gc.op} gc deleted ${h.args.digest}; op ${h.op} HEAD ${image0.args.repo} still got 200 for it`),
    );
    // GC ran while the registry was read-only, and the other image stayed whole
    const ro = events.filter((e) => (e.type === 'fault.applied' || e.type === 'fault.healed') && e.fault === 'read-only');
    expect(ro[0]!.t).toBeLessThan(gc.invokedAt);
    expect(ro[1]!.t).toBeGreaterThan(gc.completedAt!);
    expect(verdict.checks.durability.valid).toBe(true);
  });

  it('holds when the cache is flushed after GC: HEAD answers 404', async () => {
    const { status, verdict, events } = await run('mitigated');
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('holds');
    expect(events.find((e) => e.type === 'fault.action' && e.fault === 'flush')).toMatchObject({ kind: 'cache-flush', detail: { reply: '+OK' } });
    const ops = history(events);
    const gc = opsOf(ops, 'gc').at(-1)!;
    const heads = opsOf(ops, 'head').filter((o) => o.invokedAt > gc.completedAt!);
    expect(heads.map((h) => h.value?.exists)).toEqual([false, false]);
    expect(verdict.checks['honest-errors'].valid).toBe(true);
  });
});
