import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../lab/core/events/schema.ts';
import { timeline } from '../../../lab/projections/timeline.ts';
import { access, action, applied, build, complete, healed, invoke } from '../core/events/build.ts';

const starting = (component: string, pid: number): NewEvent => ({ type: 'component.starting', component, product: 'p', pid, argv: [] });
const ready = (component: string): NewEvent => ({ type: 'component.ready', component, product: 'p', endpoint: 'x', ms: 1 });
const exited = (component: string, pid: number, expected = true): NewEvent => ({
  type: 'component.exited',
  component,
  product: 'p',
  pid,
  code: 0,
  signal: null,
  expected,
});
const img = { repo: 'lab/a', tag: 'v1' };

describe('timeline', () => {
  it('folds component lanes through starting, running, and exited once all their processes are gone', () => {
    const tl = timeline(
      build(
        [0, starting('object-store', 1)],
        [5, starting('object-store', 2)],
        [10, ready('object-store')],
        [50, exited('object-store', 2)],
        [60, exited('object-store', 1)],
      ),
    );
    expect(tl.lanes).toEqual([
      {
        name: 'object-store',
        product: 'p',
        notes: [],
        segments: [
          { from: 0, state: 'starting' },
          { from: 10, state: 'running' },
          { from: 60, state: 'exited' },
        ],
      },
    ]);
    expect(tl.end).toBe(60);
  });

  it('marks an unexpected exit as a crash', () => {
    const tl = timeline(build([0, starting('registry', 1)], [1, ready('registry')], [9, exited('registry', 1, false)]));
    expect(tl.lanes[0]!.segments.at(-1)).toEqual({ from: 9, state: 'crashed' });
  });

  it('spans ops from invoke to completion, open when never completed', () => {
    const tl = timeline(build([0, invoke(0, 'push', img)], [7, complete(0, 'push', 'info', { status: 500 })], [8, invoke(1, 'pull', img)]));
    expect(tl.spans).toEqual([
      { op: 0, kind: 'push', from: 0, to: 7, outcome: 'info', status: 500 },
      { op: 1, kind: 'pull', from: 8 },
    ]);
  });

  it('bands a fault over the fault proxy and both ends of its link', () => {
    const tl = timeline(build([10, applied('rgw-stall', 'rgw-link')], [90, healed('rgw-stall', 'rgw-link')]), {
      links: { 'rgw-link': { from: 's3-front', to: 'object-store' } },
    });
    expect(tl.bands).toEqual([{ fault: 'rgw-stall', from: 10, to: 90, lanes: ['fault-proxy', 's3-front', 'object-store'] }]);
  });

  it('shows a one-shot action as a band of no length over what it acted on (a link end names its role)', () => {
    const tl = timeline(
      build([40, action('failover', 'failover', [{ component: 'registry-front' }, { component: 'registry' }])], [50, applied('cut', 'c3-link')]),
      { links: { 'c3-link': { from: 'object-store', to: 'object-store:c3' } } },
    );
    expect(tl.bands).toEqual([
      { fault: 'failover', from: 40, to: 40, lanes: ['registry-front', 'registry'] },
      { fault: 'cut', from: 50, to: undefined, lanes: ['fault-proxy', 'object-store'] },
    ]);
  });

  it('marks violations at their ops and symptoms at their events, in time order; nothing for what held', () => {
    const events = build(
      [0, invoke(0, 'push', img)],
      [5, complete(0, 'push', 'ok')],
      [6, access('s3-front', 'envoy', 'PUT', '/x', 504)],
      [8, invoke(1, 'pull', img)],
      [9, complete(1, 'pull', 'fail', { status: 404 })],
    );
    const tl = timeline(events, {
      verdict: {
        checks: {
          durability: { kind: 'invariant', valid: false, evidence: ['lost'], ops: [1] },
          integrity: { kind: 'invariant', valid: true, evidence: ['fine'] },
          's3-front-idle-timeout-504': { kind: 'symptom', valid: true, evidence: ['504 SI'], seqs: [2] },
          'object-store-silent': { kind: 'symptom', valid: false, evidence: ['no'], seqs: [2] },
        },
      },
      timeOf: (seq) => events[seq]?.t,
    });
    expect(tl.marks).toEqual([
      { t: 6, kind: 'symptom', name: 's3-front-idle-timeout-504', text: '504 SI' },
      { t: 9, kind: 'violation', name: 'durability', text: 'lost' },
    ]);
  });
});
