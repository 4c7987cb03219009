import { describe, expect, it } from 'vitest';
import { compose, runCheck, symptom } from '../../../lab/checks/check.ts';
import { INVARIANTS } from '../../../lab/checks/index.ts';
import { judge } from '../../../lab/checks/verdict.ts';
import { build, complete, invoke } from '../core/events/build.ts';

const img = { repo: 'lab/a', tag: 'v1' };
const pushedAndPulled = build(
  [0, invoke(0, 'push', { ...img, digest: 'sha256:aa' })],
  [10, complete(0, 'push', 'ok', { value: { digest: 'sha256:aa' } })],
  [20, invoke(1, 'pull', img)],
  [30, complete(1, 'pull', 'ok', { value: { digest: 'sha256:aa', blobs: [{ digest: 'sha256:b', actual: 'sha256:b', size: 1 }] } })],
);
const expect_ = (e: { reproduced?: string[]; violated?: string[]; holds?: string[] }) => ({
  expect: { reproduced: [], violated: [], holds: [], ...e },
  bounds: {},
  evidence: { 'push-failed': { about: 'a push failed', ops: { kind: 'push', outcome: 'fail' } } },
});

describe('checks as one family', () => {
  it('compose: false wins over unknown, unknown over true', () => {
    expect(compose([true, 'unknown', false])).toBe(false);
    expect(compose([true, 'unknown'])).toBe('unknown');
    expect(compose([true, true])).toBe(true);
    expect(compose([])).toBe(true);
  });

  it('a check that throws is unknown, with the error as its evidence', () => {
    const broken = symptom({
      name: 'broken',
      about: 'throws',
      run: () => {
        throw new Error('no such field');
      },
    });
    expect(runCheck(broken, { events: [], ops: [], bounds: {}, defaultBoundMs: 1 })).toEqual({
      kind: 'symptom',
      valid: 'unknown',
      evidence: ['the broken check failed: no such field'],
    });
  });
});

describe('judge', () => {
  it('runs every invariant and every named check, symptoms first', () => {
    const v = judge(expect_({ reproduced: ['push-failed'], holds: ['durability'] }), pushedAndPulled);
    expect(Object.keys(v.checks)).toEqual(['push-failed', ...INVARIANTS]);
    expect(v.checks['push-failed']!.kind).toBe('symptom');
    expect(v).toMatchObject({
      verdict: 'not reproduced',
      exitCode: 1,
      expected: 'reproduced',
      reason: 'push-failed was not seen: 0 push fail (at least 1)',
    });
  });

  it('holds (0) when every named invariant holds, unknown (2) when one could not be judged', () => {
    expect(judge(expect_({ holds: ['durability', 'integrity'] }), pushedAndPulled)).toMatchObject({ verdict: 'holds', exitCode: 0 });
    const unknown = judge(expect_({ holds: ['durability', 'honest-errors'] }), pushedAndPulled);
    expect(unknown).toMatchObject({ verdict: 'unknown', exitCode: 2 });
    expect(unknown.reason).toMatch(/^honest-errors had nothing to judge: /);
    expect(judge(expect_({ holds: ['durability', 'honest-errors'] }), pushedAndPulled, { unknownHolds: true })).toMatchObject({
      verdict: 'holds',
      exitCode: 0,
    });
  });

  it('is violated (1) when a held invariant is false, and reproduced (0) when a violation was expected', () => {
    const lost = build(
      ...pushedAndPulled.slice(0, 2).map((e) => [e.t, e] as [number, never]),
      [20, invoke(1, 'pull', img)],
      [30, complete(1, 'pull', 'fail', { status: 404 })],
    );
    expect(judge(expect_({ holds: ['durability'] }), lost)).toMatchObject({
      verdict: 'violated',
      exitCode: 1,
      reason: expect.stringMatching(/^durability is violated: /),
    });
    expect(judge(expect_({ violated: ['durability'] }), lost)).toMatchObject({ verdict: 'reproduced', exitCode: 0 });
  });

  it('is interrupted (2) when the run was, and unknown (2) when a component crashed', () => {
    expect(
      judge(
        expect_({ holds: ['durability'] }),
        build(...pushedAndPulled.map((e) => [e.t, e] as [number, never]), [40, { type: 'phase', name: 'interrupted' }]),
      ),
    ).toMatchObject({ verdict: 'interrupted', exitCode: 2 });
    const crash = build(...pushedAndPulled.map((e) => [e.t, e] as [number, never]), [
      40,
      { type: 'component.exited', component: 'cache', product: 'redis', pid: 7, code: 1, signal: null, expected: false },
    ]);
    expect(judge(expect_({ holds: ['durability'] }), crash)).toMatchObject({ verdict: 'unknown', exitCode: 2, crashes: ['cache (redis) pid 7 exited 1'] });
  });
});
