// small-puts-stall on the real stack: envoy routes PUTs by Content-Length; the link small ones take stalls.
import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../lab/core/events/schema.ts';
import { scenarioRun } from './lab-cli.ts';

async function run(variant?: string) {
  const { status, verdict, events, ops } = await scenarioRun('small-puts-stall', variant);
  const applied = events.find((e) => e.type === 'fault.applied')!.t;
  const healed = events.find((e) => e.type === 'fault.healed')!.t;
  // requests that began while the fault was active: a line is logged when its request ends, and envoy flushes
  // its log every 50 ms, so a request that ended just before the fault can be received after it
  const during = events.filter((e): e is EventOf<'access'> => e.type === 'access' && e.t - (e.durationMs ?? 0) > applied + 200 && e.t < healed);
  return { status, verdict, ops, during };
}

describe('small-puts-stall', () => {
  it('reproduces: small PUTs stall at the link (504 SI, never reach RGW), a 5 MiB part lands, the push fails 500', async () => {
    const { status, verdict, ops, during } = await run();
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    const front = during.filter((e) => e.component === 's3-front' && e.method === 'PUT');
    const stalled = front.filter((e) => e.upstream === 'link');
    expect(stalled.length).toBeGreaterThan(0);
    for (const e of stalled) expect(e).toMatchObject({ status: 504, flags: 'SI' });
    expect(stalled.some((e) => e.path.includes('/hashstates/'))).toBe(true);
    expect(stalled.some((e) => e.path.endsWith('/startedat'))).toBe(true);
    const rgw = during.filter((e) => e.component === 'object-store');
    for (const e of stalled) expect(rgw.some((r) => r.path === e.path)).toBe(false);
    // the large part went direct and RGW stored it
    const part = front.find((e) => e.upstream === 'direct' && e.status === 200 && e.path.includes('partNumber='))!;
    expect(part).toBeDefined();
    expect(rgw.find((r) => r.path === part.path)).toMatchObject({ method: 'PUT', status: 200 });
    expect(ops.find((o) => o.kind === 'upload-patch')).toMatchObject({ args: { bytes: 12 << 20 } });
    const failed = ops.find((o) => o.kind === 'push' && o.outcome !== 'ok')!;
    expect(failed).toMatchObject({ outcome: 'info', status: 500 });
    expect(verdict.checks.durability.valid).toBe(true);
  });

  it('holds with small writes sent around the stalled link: every PUT goes direct and the push succeeds', async () => {
    const { status, verdict, ops, during } = await run('direct-writes');
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('holds');
    const front = during.filter((e) => e.component === 's3-front' && e.method === 'PUT');
    expect(front.length).toBeGreaterThan(0);
    for (const e of front) expect(e).toMatchObject({ upstream: 'direct', status: 200 });
    expect(ops.filter((o) => o.kind === 'push').map((o) => o.outcome)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });
});
