// push-hangs on the real stack: with no idle timeout anywhere, a stalled S3 PUT holds the push until the
// client gives up; with envoy's idle timeout, the same stall is a fast 500.
import { describe, expect, it } from 'vitest';
import { scenarioRun } from './lab-cli.ts';

const run = (variant?: string) => scenarioRun('push-hangs', variant);

describe('push-hangs', () => {
  it('reproduces: the push during the stall gets no answer until the client gives up, and liveness flags it', async () => {
    const { status, verdict, events, ops } = await run();
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    const hung = ops.find((o) => o.kind === 'push' && o.outcome !== 'ok')!;
    expect(hung).toMatchObject({ outcome: 'info' });
    expect(hung.error).toMatch(/blobs\/uploads\/: timeout$/);
    expect(verdict.checks.liveness).toMatchObject({ valid: false, ops: [hung.op] });
    // nothing in the path answered: envoy logged no 504 for the stalled PUT (no idle timeout)
    expect(events.some((e) => e.type === 'access' && e.component === 's3-front' && e.status === 504)).toBe(false);
    expect(verdict.checks.durability.valid).toBe(true);
  });

  it('holds with an idle timeout at the front: the stalled push fails fast with 500, within its bound', async () => {
    const { status, verdict, events, ops } = await run('idle-timeout');
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('holds');
    const failed = ops.find((o) => o.kind === 'push' && o.outcome !== 'ok')!;
    expect(failed).toMatchObject({ outcome: 'info', status: 500 });
    expect(events.some((e) => e.type === 'access' && e.component === 's3-front' && e.status === 504 && e.flags === 'SI')).toBe(true);
    expect(verdict.checks.liveness.valid).toBe(true);
  });
});
