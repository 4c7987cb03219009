// The checkers and the timeline over generated histories.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { NewEvent, Outcome } from '../../lab/core/events/schema.ts';
import { history } from '../../lab/ops/history.ts';
import { timeline } from '../../lab/projections/timeline.ts';
import { checkOn } from '../unit/checks/run.ts';
import { build, complete, invoke } from '../unit/core/events/build.ts';

interface GenOp {
  kind: 'push' | 'pull';
  image: number;
  outcome: Outcome | null;
  ms: number;
  corrupt: boolean;
}

const genOp = fc.record({
  kind: fc.constantFrom('push' as const, 'pull' as const),
  image: fc.nat({ max: 3 }),
  outcome: fc.constantFrom('ok' as const, 'fail' as const, 'info' as const, null),
  ms: fc.nat({ max: 200 }),
  corrupt: fc.boolean(),
});

/** Sequential ops; a pull returns the digest of the image's last acknowledged push, or a corrupt blob when asked. */
function events(ops: GenOp[]) {
  const items: Array<[number, NewEvent]> = [];
  let t = 0;
  ops.forEach((o, op) => {
    const digest = `sha256:${o.image}`;
    const args = { repo: `lab/${o.image}`, tag: 'v1', ...(o.kind === 'push' && { digest }) };
    items.push([t, invoke(op, o.kind, args)]);
    t += o.ms;
    const value = o.kind === 'push' ? { digest } : { digest, blobs: [{ digest: 'sha256:b', actual: o.corrupt ? 'sha256:x' : 'sha256:b', size: 1 }] };
    if (o.outcome) items.push([t, complete(op, o.kind, o.outcome, o.outcome === 'ok' ? { value } : { status: o.outcome === 'info' ? 500 : 404 })]);
    t += 1;
  });
  return build(...items);
}

it('durability holds whenever no acknowledged image is refused by a later pull', () => {
  fc.assert(
    fc.property(fc.array(genOp, { maxLength: 20 }), (ops) => {
      const e = events(ops);
      const h = history(e);
      const refused = h.some(
        (p) =>
          p.kind === 'pull' &&
          p.outcome === 'fail' &&
          h.some((q) => q.kind === 'push' && q.outcome === 'ok' && q.args.repo === p.args.repo && q.completedAt! <= p.invokedAt),
      );
      expect(checkOn('durability', e).valid === false).toBe(refused);
    }),
  );
});

it('integrity is violated exactly when a pulled byte differs from its digest', () => {
  fc.assert(
    fc.property(fc.array(genOp, { maxLength: 20 }), (ops) => {
      const corrupt = ops.some((o) => o.kind === 'pull' && o.outcome === 'ok' && o.corrupt);
      expect(checkOn('integrity', events(ops)).valid === false).toBe(corrupt);
    }),
  );
});

it('liveness is violated exactly when an op hangs or outlasts its bound', () => {
  fc.assert(
    fc.property(fc.array(genOp, { minLength: 1, maxLength: 20 }), fc.nat({ max: 200 }), (ops, bound) => {
      const late = ops.some((o) => o.outcome === null || o.ms > bound);
      expect(checkOn('liveness', events(ops), {}, bound).valid === false).toBe(late);
    }),
  );
});

it('the timeline has one span per op, never ending before it starts', () => {
  fc.assert(
    fc.property(fc.array(genOp, { maxLength: 20 }), (ops) => {
      const tl = timeline(events(ops));
      expect(tl.spans).toHaveLength(ops.length);
      for (const s of tl.spans) if (s.to !== undefined) expect(s.to).toBeGreaterThanOrEqual(s.from);
      expect(tl.spans.filter((s) => s.to === undefined)).toHaveLength(ops.filter((o) => o.outcome === null).length);
    }),
  );
});
