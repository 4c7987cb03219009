import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../lab/core/events/schema.ts';
import { build, complete, invoke } from '../core/events/build.ts';
import { checkOn } from './run.ts';

const img = { repo: 'lab/a', tag: 'v1' };
const ackedPush: Array<[number, NewEvent]> = [
  [0, invoke(0, 'push', { ...img, digest: 'sha256:aa' })],
  [100, complete(0, 'push', 'ok', { value: { digest: 'sha256:aa' } })],
];
const check = (...rest: Array<[number, NewEvent]>) => checkOn('durability', build(...ackedPush, ...rest));

describe('durability', () => {
  it('holds when an acked push is later pulled with the same digest', () => {
    const r = check([200, invoke(1, 'pull', img)], [300, complete(1, 'pull', 'ok', { value: { digest: 'sha256:aa', blobs: [] } })]);
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
    const r = check([200, invoke(1, 'pull', img)], [300, complete(1, 'pull', 'ok', { value: { digest: 'sha256:bb', blobs: [] } })]);
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

  it('ends its promise at a delete of the image', () => {
    const r = check(
      [150, invoke(1, 'delete', { ...img, digest: 'sha256:aa' })],
      [160, complete(1, 'delete', 'ok')],
      [200, invoke(2, 'pull', img)],
      [300, complete(2, 'pull', 'fail', { status: 404 })],
    );
    expect(r).toMatchObject({ valid: true, evidence: ['lab/a:v1: acknowledged by op 0, deleted by op 1'] });
  });

  it('ends its promise at a delete of one of its blobs, unless the registry refused it', () => {
    const blobGone = (outcome: 'ok' | 'fail') =>
      check(
        [150, invoke(1, 'delete-blob', { ...img, digest: 'sha256:b' })],
        [160, complete(1, 'delete-blob', outcome, outcome === 'fail' ? { status: 405, error: 'UNSUPPORTED' } : {})],
        [200, invoke(2, 'pull', img)],
        [300, complete(2, 'pull', 'fail', { status: 404, error: 'BLOB_UNKNOWN' })],
      );
    expect(blobGone('ok')).toMatchObject({ valid: true, evidence: ['lab/a:v1: acknowledged by op 0, deleted by op 1'] });
    expect(blobGone('fail').valid).toBe(false);
  });

  it('does not count an info push followed by a failed pull as a violation', () => {
    const r = checkOn(
      'durability',
      build(
        [0, invoke(0, 'push', { ...img, digest: 'sha256:aa' })],
        [100, complete(0, 'push', 'info', { error: 'HTTP 500', status: 500 })],
        [200, invoke(1, 'pull', img)],
        [300, complete(1, 'pull', 'fail', { status: 404 })],
      ),
    );
    expect(r.valid).toBe('unknown');
  });
});
