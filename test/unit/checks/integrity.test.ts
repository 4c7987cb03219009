import { describe, expect, it } from 'vitest';
import { build, complete, invoke } from '../core/events/build.ts';
import { checkOn } from './run.ts';

const img = { repo: 'lab/a', tag: 'v1' };

describe('integrity', () => {
  it('holds when every pulled blob matches its digest', () => {
    const events = build(
      [0, invoke(0, 'pull', img)],
      [
        10,
        complete(0, 'pull', 'ok', {
          value: {
            digest: 'sha256:m',
            blobs: [
              { digest: 'sha256:aa', actual: 'sha256:aa', size: 3 },
              { digest: 'sha256:bb', actual: 'sha256:bb', size: 4 },
            ],
          },
        }),
      ],
    );
    expect(checkOn('integrity', events)).toEqual({ kind: 'invariant', valid: true, evidence: ['2 pulled blobs match their digests'] });
  });

  it('is violated by a mismatching blob even when the pull failed, and by one of a blob GET', () => {
    const events = build(
      [0, invoke(3, 'pull', img)],
      [
        10,
        complete(3, 'pull', 'fail', {
          error: 'digest mismatch',
          value: { digest: 'sha256:m', blobs: [{ digest: 'sha256:aa', actual: 'sha256:ff', size: 3 }] },
        }),
      ],
      [20, invoke(4, 'get-blob', { repo: 'lab/u', digest: 'sha256:cc' })],
      [30, complete(4, 'get-blob', 'fail', { value: { blobs: [{ digest: 'sha256:cc', actual: 'cut short after 5 bytes', size: 5 }] } })],
    );
    const r = checkOn('integrity', events);
    expect(r.valid).toBe(false);
    expect(r.evidence).toEqual([
      'op 3 (pull) lab/a: blob sha256:aa has sha256 sha256:ff (3 bytes)',
      'op 4 (get-blob) lab/u: blob sha256:cc has sha256 cut short after 5 bytes (5 bytes)',
    ]);
    expect(r.ops).toEqual([3, 4]);
  });

  it('is unknown when no blob was pulled', () => {
    const events = build(
      [0, invoke(0, 'push', { ...img, digest: 'sha256:m' })],
      [10, complete(0, 'push', 'ok', { value: { digest: 'sha256:m' } })],
      [20, invoke(1, 'pull', img)],
      [30, complete(1, 'pull', 'fail')],
    );
    expect(checkOn('integrity', events).valid).toBe('unknown');
  });
});
