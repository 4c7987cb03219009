// s3-503-slowdown on the real stack: envoy's fault filter answers a share of the registry's S3 PUTs with 503
// SlowDown; the registry retries, pushes are acknowledged or fail honestly, nothing acknowledged is lost.
import { describe, expect, it } from 'vitest';
import type { EventOf, LabEvent } from '../../lab/core/events/schema.ts';
import { opsOf } from '../../lab/ops/history.ts';
import { scenarioRun } from './lab-cli.ts';

const window = (events: LabEvent[]) => {
  const applied = events.find((e): e is EventOf<'fault.applied'> => e.type === 'fault.applied' && e.kind === 'http-fault')!;
  const healed = events.find((e): e is EventOf<'fault.healed'> => e.type === 'fault.healed' && e.kind === 'http-fault')!;
  return { applied, healed, during: (t: number) => t > applied.t && t < healed.t };
};
const frontPuts = (events: LabEvent[]) => events.filter((e): e is EventOf<'access'> => e.type === 'access' && e.component === 's3-front' && e.method === 'PUT');

describe('s3-503-slowdown', () => {
  it('reproduces: the front answers PUTs 503 SlowDown, the registry retries, nothing acknowledged is lost', async () => {
    const { status, verdict, events, ops } = await scenarioRun('s3-503-slowdown', undefined, 240_000);
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    const { applied, healed } = window(events);
    expect(applied.detail).toMatchObject({ abort: { status: 503, percent: 50 }, runtime: { abort_percent: 50, http_status: 503 } });
    expect(healed.detail).toMatchObject({ runtime: { abort_percent: 0 } });
    const injected = frontPuts(events).filter((e) => e.status === 503 && e.flags === 'FI');
    expect(injected.length).toBeGreaterThan(3);
    // (envoy writes its access log every 50 ms: a line can arrive just after the heal)
    expect(injected.every((e) => e.t > applied.t && e.t < healed.t + 1000)).toBe(true);
    // a request refused with 503 was sent again by the registry and landed
    expect(injected.some((i) => frontPuts(events).some((e) => e.path === i.path && e.t > i.t && e.status < 300))).toBe(true);
    // a push whose request was refused on every attempt failed, and the registry logged S3's SlowDown for it
    // (envoy picks the refused requests at random: in some runs every request lands within its 4 attempts)
    if (opsOf(ops, 'push').some((o) => o.outcome !== 'ok'))
      expect(events.some((e) => e.type === 'component.log' && e.component === 'registry' && /SlowDown: Please reduce your request rate/.test(e.line))).toBe(
        true,
      );
    // every push ended ok, or with a 5xx (unknown, not a false success); every acknowledged one pulls whole
    for (const p of opsOf(ops, 'push')) expect(p.outcome === 'ok' || (p.outcome === 'info' && p.status! >= 500)).toBe(true);
    for (const p of opsOf(ops, 'push').filter((o) => o.outcome === 'ok'))
      expect(opsOf(ops, 'pull').find((o) => o.args.repo === p.args.repo)).toMatchObject({ outcome: 'ok', value: { digest: p.value!.digest } });
    expect(verdict.checks.durability.valid).toBe(true);
    // after healing the front passes everything again
    expect(frontPuts(events).filter((e) => e.t > healed.t + 300 && e.status === 503)).toEqual([]);
  }, 240_000);

  it('with every PUT refused, no push during the fault is acknowledged and the others pull whole', async () => {
    const { status, verdict, events, ops } = await scenarioRun('s3-503-slowdown', 'every-put', 240_000);
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    const { during } = window(events);
    const pushes = opsOf(ops, 'push');
    expect(pushes.filter((o) => during(o.invokedAt)).map((o) => [o.outcome, o.status])).toEqual([
      ['info', 500],
      ['info', 500],
      ['info', 500],
    ]);
    expect(pushes.filter((o) => !during(o.invokedAt)).every((o) => o.outcome === 'ok')).toBe(true);
    expect(verdict.checks.durability.valid).toBe(true);
  }, 240_000);
});
