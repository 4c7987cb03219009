import { describe, expect, it } from 'vitest';
import { EventLogError } from '../../../lab/core/events/log.ts';
import { duration, rawHistory } from '../../../lab/core/history.ts';
import { history, imageRef, opsOf, refOf } from '../../../lab/ops/history.ts';
import { build, complete, invoke } from './events/build.ts';

describe('history', () => {
  const events = build(
    [10, invoke(0, 'push', { repo: 'a', tag: 'v1', digest: 'sha256:aa' })],
    [15, invoke(1, 'pull', { repo: 'a', tag: 'v1' })],
    [20, { type: 'phase', name: 'noise' }],
    [110, complete(0, 'push', 'fail', { error: 'HTTP 500', status: 500 })],
    [120, complete(7, 'pull', 'ok')],
  );
  const ops = history(events);

  it('pairs each invoke with its completion', () => {
    expect(ops).toHaveLength(2);
    expect(ops[0]).toMatchObject({
      op: 0,
      kind: 'push',
      args: { repo: 'a', tag: 'v1' },
      invokedAt: 10,
      outcome: 'fail',
      completedAt: 110,
      error: 'HTTP 500',
      status: 500,
    });
    expect(duration(ops[0]!)).toBe(100);
  });

  it('leaves an op without completion open, and ignores a completion without invoke', () => {
    expect(ops[1]).toMatchObject({ op: 1, kind: 'pull', invokedAt: 15 });
    expect(ops[1]!.outcome).toBeUndefined();
    expect(duration(ops[1]!)).toBeUndefined();
    expect(ops.map((o) => o.op)).not.toContain(7);
  });

  it('types each op by its kind, and names images repo:tag', () => {
    expect(opsOf(ops, 'pull').map((o) => o.args.repo)).toEqual(['a']);
    expect(imageRef(opsOf(ops, 'push')[0]!)).toBe('a:v1');
    expect(refOf(ops[1]!)).toBe('a:v1');
    expect(refOf(history(build([0, invoke(0, 'gc', { dryRun: true })]))[0]!)).toBeUndefined();
  });

  it('reports a payload that does not fit its kind, and an unknown kind, as a corrupt log', () => {
    expect(() => history(build([0, invoke(3, 'push', { repo: 'a' })]))).toThrow(new EventLogError('op 3 (push): args.tag: Required'));
    expect(() => history(build([0, invoke(4, 'teleport', {})]))).toThrow(/op 4: unknown op kind "teleport"; known: push, /);
    expect(rawHistory(build([0, invoke(4, 'teleport', {})]))[0]).toMatchObject({ kind: 'teleport' });
  });
});
