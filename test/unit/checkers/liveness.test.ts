import { describe, expect, it } from 'vitest';
import { liveness } from '../../../lab/checkers/liveness.ts';
import { history } from '../../../lab/history/history.ts';
import { build, complete, invoke } from '../events/build.ts';

const img = { repo: 'lab/a', tag: 'v1' };
/** one op of `kind` that took `ms` */
const took = (kind: string, ms: number) => history(build([0, invoke(0, kind, img)], [ms, complete(0, kind, 'ok')]));

describe('liveness', () => {
  it('is violated by an op that never completed', () => {
    const r = liveness(history(build([0, invoke(0, 'push', img)])), {});
    expect(r.valid).toBe(false);
    expect(r.evidence).toEqual(['op 0 (push) never completed']);
    expect(r.ops).toEqual([0]);
  });

  it('is violated by an op over its bound, holds within or at it', () => {
    expect(liveness(took('push', 5001), { push: 5000 }).valid).toBe(false);
    expect(liveness(took('push', 5000), { push: 5000 }).valid).toBe(true);
    expect(liveness(took('push', 100), { push: 5000 })).toEqual({ valid: true, evidence: ['1 ops completed within their bounds (longest 0.1 s)'] });
  });

  it('uses the per-kind bound over the default, and the default for other kinds', () => {
    expect(liveness(took('push', 2000), { push: 1000 }, 60_000).valid).toBe(false);
    expect(liveness(took('pull', 2000), { push: 1000 }, 60_000).valid).toBe(true);
    expect(liveness(took('pull', 2000), { push: 1000 }, 1500).valid).toBe(false);
    expect(liveness(took('push', 130_000), {}).valid).toBe(false);
  });

  it('is unknown with no ops', () => {
    expect(liveness([], {}).valid).toBe('unknown');
  });
});
