import { describe, expect, it } from 'vitest';
import { build, complete, invoke } from '../core/events/build.ts';
import { checkOn } from './run.ts';

const img = { repo: 'lab/a', tag: 'v1' };
/** one pull that took `ms` (or a push, with its digest) */
const took = (kind: 'push' | 'pull', ms: number) =>
  build([0, invoke(0, kind, kind === 'push' ? { ...img, digest: 'sha256:m' } : img)], [ms, complete(0, kind, 'ok')]);

describe('liveness', () => {
  it('is violated by an op that never completed', () => {
    const r = checkOn('liveness', build([0, invoke(0, 'pull', img)]));
    expect(r.valid).toBe(false);
    expect(r.evidence).toEqual(['op 0 (pull) never completed']);
    expect(r.ops).toEqual([0]);
  });

  it('is violated by an op over its bound, holds within or at it', () => {
    expect(checkOn('liveness', took('push', 5001), { push: 5000 }).valid).toBe(false);
    expect(checkOn('liveness', took('push', 5000), { push: 5000 }).valid).toBe(true);
    expect(checkOn('liveness', took('push', 100), { push: 5000 })).toEqual({
      kind: 'invariant',
      valid: true,
      evidence: ['1 ops completed within their bounds (longest 0.1 s)'],
    });
  });

  it('uses the per-kind bound over the default, and the default for other kinds', () => {
    expect(checkOn('liveness', took('push', 2000), { push: 1000 }, 60_000).valid).toBe(false);
    expect(checkOn('liveness', took('pull', 2000), { push: 1000 }, 60_000).valid).toBe(true);
    expect(checkOn('liveness', took('pull', 2000), { push: 1000 }, 1500).valid).toBe(false);
    expect(checkOn('liveness', took('push', 130_000)).valid).toBe(false);
  });

  it('is unknown with no ops', () => {
    expect(checkOn('liveness', []).valid).toBe('unknown');
  });
});
