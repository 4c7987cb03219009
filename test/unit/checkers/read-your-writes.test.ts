import { describe, expect, it } from 'vitest';
import { readYourWrites } from '../../../lab/checkers/read-your-writes.ts';
import type { NewEvent } from '../../../lab/events/schema.ts';
import { history } from '../../../lab/history/history.ts';
import { applied, build, complete, healed, invoke } from '../events/build.ts';

const img = { repo: 'lab/a', tag: 'v1' };
const pushed: Array<[number, NewEvent]> = [
  [0, invoke(0, 'push', img)],
  [10, complete(0, 'push', 'ok', { value: { digest: 'sha256:aa' } })],
];

describe('read-your-writes', () => {
  it('holds when a quiet read returns what was written', () => {
    const events = build(...pushed, [20, invoke(1, 'pull', img)], [30, complete(1, 'pull', 'ok', { value: { digest: 'sha256:aa' } })]);
    expect(readYourWrites(history(events), events)).toMatchObject({ valid: true });
  });

  it('is violated by a quiet read that fails, even with an unknown outcome', () => {
    const events = build(...pushed, [20, invoke(1, 'pull', img)], [30, complete(1, 'pull', 'info', { status: 503, error: 'HTTP 503' })]);
    const r = readYourWrites(history(events), events);
    expect(r.valid).toBe(false);
    expect(r.ops).toEqual([1]);
  });

  it('says nothing about reads during a fault, or after a delete', () => {
    const during = build(...pushed, [15, applied('stall')], [20, invoke(1, 'pull', img)], [30, complete(1, 'pull', 'info', { status: 500 })], [40, healed('stall')]);
    expect(readYourWrites(history(during), during).valid).toBe('unknown');
    const deleted = build(...pushed, [15, invoke(1, 'delete', img)], [16, complete(1, 'delete', 'ok')], [20, invoke(2, 'pull', img)], [30, complete(2, 'pull', 'fail', { status: 404 })]);
    expect(readYourWrites(history(deleted), deleted).valid).toBe('unknown');
  });
});
