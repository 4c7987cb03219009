import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../lab/core/events/schema.ts';
import { action, applied, build, complete, healed, invoke } from '../core/events/build.ts';
import { checkOn } from './run.ts';

const img = { repo: 'lab/a', tag: 'v1' };
const pushed: Array<[number, NewEvent]> = [
  [0, invoke(0, 'push', { ...img, digest: 'sha256:aa' })],
  [10, complete(0, 'push', 'ok', { value: { digest: 'sha256:aa' } })],
];
const pulled = (op: number, t: number, end: NewEvent): Array<[number, NewEvent]> => [
  [t, invoke(op, 'pull', img)],
  [t + 10, end],
];

describe('read-your-writes', () => {
  it('holds when a quiet read returns what was written', () => {
    expect(
      checkOn('read-your-writes', build(...pushed, ...pulled(1, 20, complete(1, 'pull', 'ok', { value: { digest: 'sha256:aa', blobs: [] } })))),
    ).toMatchObject({ valid: true });
  });

  it('is violated by a quiet read that fails, even with an unknown outcome', () => {
    const r = checkOn('read-your-writes', build(...pushed, ...pulled(1, 20, complete(1, 'pull', 'info', { status: 503, error: 'HTTP 503' }))));
    expect(r.valid).toBe(false);
    expect(r.ops).toEqual([1]);
  });

  it('says nothing about reads during a fault, or after a delete', () => {
    expect(
      checkOn(
        'read-your-writes',
        build(...pushed, [15, applied('stall')], ...pulled(1, 20, complete(1, 'pull', 'info', { status: 500 })), [40, healed('stall')]),
      ).valid,
    ).toBe('unknown');
    const deleted = build(
      ...pushed,
      [15, invoke(1, 'delete', { ...img, digest: 'sha256:aa' })],
      [16, complete(1, 'delete', 'ok')],
      ...pulled(2, 20, complete(2, 'pull', 'fail', { status: 404 })),
    );
    expect(checkOn('read-your-writes', deleted).valid).toBe('unknown');
  });

  it('counts a read after a one-shot action as quiet: an action opens no fault window', () => {
    const events = build(
      ...pushed,
      [15, action('flush', 'cache-flush', [{ component: 'cache', resource: 'FLUSHALL' }])],
      ...pulled(1, 20, complete(1, 'pull', 'fail', { status: 404 })),
    );
    expect(checkOn('read-your-writes', events)).toMatchObject({ valid: false, ops: [1] });
  });
});
