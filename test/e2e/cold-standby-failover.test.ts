// cold-standby-failover on the real stack: two registries on their own disks, real rsync passes between them,
// a failover of the nginx front at a moment picked from the seed. Seed 17 lands it mid-period.
import { describe, expect, it } from 'vitest';
import type { EventOf, LabEvent } from '../../lab/core/events/schema.ts';
import { refOf } from '../../lab/ops/history.ts';
import { scenarioRun } from './lab-cli.ts';

const run = (variant?: string) => scenarioRun('cold-standby-failover', variant, 180_000, 17);

const of = <T extends LabEvent['type']>(events: LabEvent[], type: T) => events.filter((e): e is EventOf<T> => e.type === type);
const manifest = (o: { args: object }) => {
  const a = o.args as { repo: string; tag: string };
  return `/v2/${a.repo}/manifests/${a.tag}`;
};
/** what a registry's own access log answered for a manifest */
const answered = (events: LabEvent[], registry: string, method: string, path: string) =>
  of(events, 'access').find((e) => e.component === registry && e.method === method && e.path === path)?.status;

describe('cold-standby-failover', () => {
  it('reproduces: exactly the images acknowledged after the last rsync pass are gone from the standby', async () => {
    const { status, verdict, events, ops } = await run();
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    const failover = of(events, 'fault.action').find((e) => e.kind === 'failover')!;
    expect(failover.detail).toMatchObject({ from: 'registry', to: 'standby', stopped: ['registry', 'standby-sync'] });
    // real rsync passes ran and copied the pushed images, the last one before the failover is the one it names
    const ends = of(events, 'sync').filter((e) => e.step === 'end' && e.ok && e.t < failover.t);
    expect(ends.length).toBeGreaterThanOrEqual(2);
    expect(ends.at(-1)!.files).toBeGreaterThan(0);
    expect(failover.detail.lastCompletedPass).toBe(ends.at(-1)!.pass);
    const lastStart = of(events, 'sync').find((e) => e.step === 'start' && e.pass === ends.at(-1)!.pass)!.t;

    const acked = ops.filter((o) => o.kind === 'push' && o.outcome === 'ok' && answered(events, 'registry', 'PUT', manifest(o)) === 201);
    const pullOf = (o: (typeof ops)[number]) => ops.find((p) => p.kind === 'pull' && refOf(p) === refOf(o))!;
    const before = acked.filter((o) => o.completedAt! <= lastStart);
    const after = acked.filter((o) => o.invokedAt >= ends.at(-1)!.t);
    expect(before.length).toBeGreaterThan(10);
    expect(after.length).toBeGreaterThan(0);
    for (const o of before) expect([pullOf(o).outcome, answered(events, 'standby', 'GET', manifest(o))]).toEqual(['ok', 200]);
    for (const o of after) {
      expect(pullOf(o)).toMatchObject({ outcome: 'fail', status: 404 });
      expect(pullOf(o).error).toMatch(/manifests\/v1: HTTP 404 MANIFEST_UNKNOWN$/);
      expect(answered(events, 'standby', 'GET', manifest(o))).toBe(404);
    }
    const lost = verdict.checks['lost-on-failover'].evidence[0] as string;
    const count = Number(/(\d+) acknowledged images lost/.exec(lost)![1]);
    expect(count).toBeGreaterThanOrEqual(after.length);
    expect(verdict.checks['loss-window'].valid).toBe(true);
    expect(verdict.checks['loss-window'].evidence[1]).toMatch(new RegExp(`^${count} of ${acked.length} acknowledged images missing on the standby`));
    // the standby went on taking pushes after the switch, and serves them
    const onStandby = ops.filter((o) => o.kind === 'push' && o.outcome === 'ok' && answered(events, 'standby', 'PUT', manifest(o)) === 201);
    expect(onStandby.length).toBeGreaterThan(0);
    for (const o of onStandby) expect(pullOf(o).outcome).toBe('ok');
    expect(verdict.checks.integrity.valid).toBe(true);
    expect(verdict.checks.durability.valid).toBe(false);
  });

  it('holds with a planned failover: read-only, a final rsync pass, then the switch', async () => {
    const { status, verdict, events, ops } = await run('planned');
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('holds');
    const done = [...of(events, 'fault.applied'), ...of(events, 'fault.action')];
    const [readOnly, finalSync, failover] = ['read-only', 'sync-pass', 'failover'].map((k) => done.find((e) => e.kind === k)!);
    expect(readOnly!.t).toBeLessThan(finalSync!.t);
    // the final pass started after the registry went read-only and completed before the switch
    const final = of(events, 'sync').find((e) => e.step === 'start' && e.t > readOnly!.t)!;
    const end = of(events, 'sync').find((e) => e.step === 'end' && e.pass === final.pass)!;
    expect(end).toMatchObject({ ok: true });
    expect(end.t).toBeLessThanOrEqual(failover!.t);
    expect(failover!.detail.lastCompletedPass).toBe(final.pass);
    // pushes while read-only were refused honestly
    expect(ops.some((o) => o.kind === 'push' && o.outcome === 'fail' && o.status === 405)).toBe(true);
    expect(verdict.checks.durability.valid).toBe(true);
    expect(verdict.checks['loss-window'].valid).toBe(true);
    expect(verdict.checks['loss-window'].evidence[1]).toMatch(/^0 of \d+ acknowledged images missing/);
    const onStandby = ops.filter((o) => o.kind === 'push' && o.outcome === 'ok' && answered(events, 'standby', 'PUT', manifest(o)) === 201);
    expect(onStandby.length).toBeGreaterThanOrEqual(5);
  });
});
