// redis-down on the real stack: which seed's claim holds, in each configuration, with the latency report.
import { describe, expect, it } from 'vitest';
import { history } from '../../lab/ops/history.ts';
import { scenarioRun } from './lab-cli.ts';

const run = (variant?: string) => scenarioRun('redis-down', variant, 180_000, 8);

describe('redis-down', () => {
  it('without a health check the registry keeps serving while Redis is down (the runbook holds)', async () => {
    const { status, verdict, events } = await run();
    expect(status).toBe(0);
    const claim = verdict.checks['serves-without-redis'];
    expect(claim.valid).toBe(true);
    const lines: string[] = claim.evidence;
    expect(lines[0]).toBe('before: 6 of the 6 ops before redis-down were ok');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}push: 3, median \d\.\d{3} s \(3 × ok\)$/));
    expect(lines).toContain('during: 9 of the 9 ops during redis-down were ok');
    expect(lines.at(-1)).toMatch(/^ {2}pull: 6, median \d\.\d{3} s \(6 × ok\)$/);
    // Redis really was down: stopped by the fault, started again by the heal
    const exits = events.filter((e) => e.type === 'component.exited' && e.component === 'cache');
    expect(exits.length).toBeGreaterThanOrEqual(2);
    expect(events.filter((e) => e.type === 'component.ready' && e.component === 'cache')).toHaveLength(2);
  });

  it('with a TCP health check on Redis the registry answers 503 to everything while Redis is down', async () => {
    const { status, verdict, events } = await run('health-check');
    expect(status).toBe(0);
    const claim = verdict.checks['down-without-redis'];
    expect(claim.valid).toBe(true);
    expect(claim.evidence).toContain('during: 9 of the 9 ops during redis-down were 503');
    expect(claim.evidence.at(-1)).toMatch(/^ {2}pull: 6, median \d\.\d{3} s \(6 × 503\)$/);
    const ops = history(events);
    const down = events.find((e) => e.type === 'fault.applied' && e.fault === 'redis-down')!.t;
    const during = ops.filter((o) => claim.ops.includes(o.op) && o.invokedAt > down);
    expect(during).toHaveLength(9);
    expect(during.every((o) => o.outcome === 'info' && o.status === 503)).toBe(true);
    // the images pushed before the outage are still there
    expect(verdict.checks.durability.valid).toBe(true);
  });
});
