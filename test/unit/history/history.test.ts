import { describe, expect, it } from 'vitest';
import { duration, history, imageRef } from '../../../lab/history/history.ts';
import { build, complete, invoke } from '../events/build.ts';

describe('history', () => {
  const events = build(
    [10, invoke(0, 'push', { repo: 'a', tag: 'v1' })],
    [15, invoke(1, 'pull', { repo: 'a', tag: 'v1' })],
    [20, { type: 'phase', name: 'noise' }],
    [110, complete(0, 'push', 'fail', { error: 'HTTP 500', status: 500 })],
    [120, complete(7, 'pull', 'ok')],
  );
  const ops = history(events);

  it('pairs each invoke with its completion', () => {
    expect(ops).toHaveLength(2);
    expect(ops[0]).toMatchObject({ op: 0, kind: 'push', args: { repo: 'a', tag: 'v1' }, invokedAt: 10, outcome: 'fail', completedAt: 110, error: 'HTTP 500', status: 500 });
    expect(duration(ops[0]!)).toBe(100);
  });

  it('leaves an op without completion open, and ignores a completion without invoke', () => {
    expect(ops[1]).toMatchObject({ op: 1, kind: 'pull', invokedAt: 15 });
    expect(ops[1]!.outcome).toBeUndefined();
    expect(duration(ops[1]!)).toBeUndefined();
    expect(ops.map((o) => o.op)).not.toContain(7);
  });

  it('names an image repo:tag', () => {
    expect(imageRef({ repo: 'lab/a', tag: 'v2' })).toBe('lab/a:v2');
  });
});
