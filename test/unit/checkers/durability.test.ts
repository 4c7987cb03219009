import { describe, expect, it } from 'vitest';
import { durability } from '../../../lab/checkers/durability.ts';
import type { NewEvent } from '../../../lab/events/schema.ts';
import { history } from '../../../lab/history/history.ts';
import { build, complete, invoke } from '../events/build.ts';

const img = { repo: 'lab/a', tag: 'v1' };
const ackedPush: Array<[number, NewEvent]> = [
  [0, invoke(0, 'push', img)],
  [100, complete(0, 'push', 'ok', { value: { digest: 'sha256:aa' } })],
];
const check = (...rest: Array<[number, NewEvent]>) => durability(history(build(...ackedPush, ...rest)));

describe('durability', () => {
  it('holds when an acked push is later pulled with the same digest', () => {
    const r = check([200, invoke(1, 'pull', img)], [300, complete(1, 'pull', 'ok', { value: { digest: 'sha256:aa' } })]);
    expect(r.valid).toBe(true);
    expect(r.evidence).toEqual(['lab/a:v1: acknowledged by op 0, pulled intact']);
  });

  it('is violated when a later pull definitely fails (404)', () => {
    const r = check([200, invoke(1, 'pull', img)], [300, complete(1, 'pull', 'fail', { error: 'HTTP 404 manifest unknown', status: 404 })]);
    expect(r.valid).toBe(false);
    expect(r.evidence[0]).toContain('op 1 pulled it: fail HTTP 404');
    expect(r.ops).toEqual([1]);
  });

  it('is violated when a later pull returns another digest', () => {
    const r = check([200, invoke(1, 'pull', img)], [300, complete(1, 'pull', 'ok', { value: { digest: 'sha256:bb' } })]);
    expect(r.valid).toBe(false);
    expect(r.evidence[0]).toContain('sha256:bb');
  });

  it('is unknown when the acked image is never pulled', () => {
    expect(check().valid).toBe('unknown');
  });

  it('is unknown when the only pull ended info', () => {
    const r = check([200, invoke(1, 'pull', img)], [300, complete(1, 'pull', 'info', { error: 'timeout' })]);
    expect(r.valid).toBe('unknown');
    expect(r.evidence[0]).toContain('never pulled with a definite answer');
  });

  it('ignores a failed pull that started before the push was acked, or of another image', () => {
    const r = check(
      [50, invoke(1, 'pull', img)],
      [150, complete(1, 'pull', 'fail', { status: 404 })],
      [200, invoke(2, 'pull', { repo: 'lab/b', tag: 'v1' })],
      [300, complete(2, 'pull', 'fail', { status: 404 })],
    );
    expect(r.valid).toBe('unknown');
  });

  it('does not count an info push followed by a failed pull as a violation', () => {
    const r = durability(
      history(
        build(
          [0, invoke(0, 'push', img)],
          [100, complete(0, 'push', 'info', { error: 'HTTP 500', status: 500 })],
          [200, invoke(1, 'pull', img)],
          [300, complete(1, 'pull', 'fail', { status: 404 })],
        ),
      ),
    );
    expect(r.valid).not.toBe(false);
    expect(r.valid).toBe('unknown');
  });
});
