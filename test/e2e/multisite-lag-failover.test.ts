// multisite-lag-failover on the real stack: two RGW zones, real sync from za to zb through the fault proxy.
import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../lab/core/events/schema.ts';
import { refOf } from '../../lab/ops/history.ts';
import { scenarioRun } from './lab-cli.ts';

async function run(variant?: string) {
  const r = await scenarioRun('multisite-lag-failover', variant, 300_000);
  const at = (kind: string, fault?: string) =>
    r.events.find(
      (e): e is EventOf<'fault.applied' | 'fault.action'> =>
        (e.type === 'fault.applied' || e.type === 'fault.action') && e.kind === kind && (!fault || e.fault === fault),
    )!;
  return { ...r, at };
}

describe('multisite-lag-failover', () => {
  it('reproduces: images pushed to za while sync was cut are missing on zb after the failover, and return after catch-up', async () => {
    const { status, verdict, events, ops, at } = await run();
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    const cut = at('link-down');
    const failover = at('zone-failover');
    const caughtUp = at('sync-wait', 'caught-up');
    expect(cut.targets).toEqual([{ component: 'fault-proxy', link: 'sync-link' }]);
    // zb's status went from caught up to unable to reach za while the link was down: caught up as the 1 s status
    // poll saw it, or as the sync wait before the cut saw it (it can end between two polls)
    const status2 = events.filter((e): e is EventOf<'replication'> => e.type === 'replication');
    const synced = events.find((e) => e.type === 'fault.action' && e.kind === 'sync-wait' && e.t < cut.t);
    const syncedStatus = (synced as { detail?: { status?: { caughtUp?: boolean } } } | undefined)?.detail?.status;
    expect(status2.some((e) => e.caughtUp && e.t < cut.t) || syncedStatus?.caughtUp === true).toBe(true);
    expect(status2.some((e) => !e.caughtUp && e.t > cut.t && e.t < failover.t)).toBe(true);
    const after = ops.filter((o) => o.kind === 'push' && o.outcome === 'ok' && o.invokedAt > cut.t).map((o) => refOf(o));
    const before = ops.filter((o) => o.kind === 'push' && o.outcome === 'ok' && o.completedAt! < cut.t).map((o) => refOf(o));
    expect([before.length, after.length]).toEqual([2, 3]);
    const pulls = (from: number, to: number) => ops.filter((o) => o.kind === 'pull' && o.invokedAt > from && o.invokedAt < to);
    for (const p of pulls(failover.t, caughtUp.t))
      expect([refOf(p), p.outcome, p.status]).toEqual(after.includes(refOf(p)) ? [refOf(p), 'fail', 404] : [refOf(p), 'ok', undefined]);
    // the 404s came from zb's radosgw
    expect(events.some((e) => e.type === 'access' && e.component === 'object-store:zb' && e.status === 404 && e.t > failover.t)).toBe(true);
    for (const p of pulls(caughtUp.t, Infinity)) expect(p.outcome).toBe('ok');
    expect(verdict.checks['lost-on-zone-failover'].evidence[0]).toContain(`3 of 5 images acknowledged on za missing on zb: ${after.join(', ')}`);
  }, 320_000);

  it('holds when zb caught up before the failover', async () => {
    const { status, verdict, at } = await run('wait-for-sync');
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('holds');
    expect(at('sync-wait', 'caught-up').t).toBeLessThan(at('zone-failover').t);
    expect(verdict.checks.durability.valid).toBe(true);
  }, 320_000);
});
