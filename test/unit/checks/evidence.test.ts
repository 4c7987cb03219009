// The evidence language on its own: selectors, counts, joins, every, any, and what the schema refuses.
import { describe, expect, it } from 'vitest';
import { evidenceSchema } from '../../../lab/checks/evidence.ts';
import type { NewEvent } from '../../../lab/core/events/schema.ts';
import { access, applied, build, complete, healed, invoke } from '../core/events/build.ts';
import { evidenceOn } from './run.ts';

const img = { repo: 'lab/a', tag: 'v1' };
const push = (op: number, t: number, outcome: 'ok' | 'fail', status?: number): Array<[number, NewEvent]> => [
  [t, invoke(op, 'push', { ...img, digest: 'sha256:m' })],
  [t + 10, complete(op, 'push', outcome, status ? { status } : {})],
];
const events = build(
  ...push(0, 0, 'ok'),
  [100, applied('stall')],
  ...push(1, 110, 'fail', 500),
  [150, access('s3-front', 'envoy', 'PUT', '/b/x', 504, { flags: 'SI,UT' })],
  [160, access('object-store', 'ceph', 'PUT', '/b/y', 200)],
  [200, healed('stall')],
  [210, access('object-store', 'ceph', 'PUT', '/b/x', 200)],
  [220, invoke(2, 'gc', { dryRun: false })],
  [230, complete(2, 'gc', 'ok', { value: { deleted: [] } })],
  ...push(3, 240, 'ok'),
);
const judge = (spec: object) => evidenceOn('e', { e: { about: 'x', ...spec } }, events);

describe('evidence as data', () => {
  it('selects ops by kind, outcome, status and fault window', () => {
    expect(judge({ ops: { kind: 'push', status: '5xx', during: 'stall' } })).toMatchObject({ valid: true, ops: [1] });
    expect(judge({ ops: { kind: 'push', outcome: 'ok', during: 'stall' } }).valid).toBe(false);
    expect(judge({ ops: { kind: 'push', outcome: 'ok', before: 'stall' } }).ops).toEqual([0]);
    expect(judge({ ops: { kind: 'push', after: 'stall' } }).ops).toEqual([3]);
    expect(judge({ ops: { kind: 'push', after: { op: 'gc' } } }).ops).toEqual([3]);
  });

  it('selects events by component, flag and path; counts them', () => {
    expect(judge({ events: { component: 's3-front', flag: 'SI' } }).valid).toBe(true);
    expect(judge({ events: { component: 's3-front', flag: 'S' } }).valid).toBe(false);
    expect(judge({ events: { component: 'object-store', path: '/x$' }, count: { min: 2 } }).valid).toBe(false);
    expect(judge({ events: { component: 'object-store' }, count: { min: 2, max: 2 } }).evidence[0]).toBe('2 object-store requests (exactly 2)');
  });

  it('joins by path, since the other began or ended', () => {
    const j = (since?: 'start' | 'after') =>
      evidenceOn(
        'e',
        {
          e: {
            about: 'x',
            all: {
              front: { events: { component: 's3-front', status: 504 } },
              store: { events: { component: 'object-store', during: 'stall' }, join: { with: 'front', on: 'path', since } },
            },
          },
        },
        events,
      );
    expect(j().valid).toBe(false); // during the stall the store saw /b/y, not /b/x
    const later = evidenceOn(
      'e',
      {
        e: {
          about: 'x',
          all: {
            front: { events: { component: 's3-front' } },
            store: { events: { component: 'object-store' }, join: { with: 'front', on: 'path', since: 'after' } },
          },
        },
      },
      events,
    );
    expect(later).toMatchObject({ valid: true });
    expect(later.evidence.find((l) => l.startsWith('store'))).toMatch(/^store: 1 object-store requests with the same path as front/);
  });

  it('every: all selected must be so, and something must be selected', () => {
    expect(judge({ ops: { kind: 'push' }, every: { outcome: 'ok' } }).valid).toBe(false);
    expect(judge({ ops: { kind: 'push', outcome: 'ok' }, every: { outcome: 'ok' } }).valid).toBe(true);
    expect(judge({ ops: { kind: 'restart' }, every: { outcome: 'ok' } }).valid).toBe(false);
  });

  it('any: one clause seen is enough', () => {
    expect(judge({ any: { a: { ops: { kind: 'restart' } }, b: { ops: { kind: 'gc' } } } }).valid).toBe(true);
    expect(judge({ all: { a: { ops: { kind: 'restart' } }, b: { ops: { kind: 'gc' } } } }).valid).toBe(false);
  });

  it('a fault the run never applied leaves nothing to judge', () => {
    expect(judge({ ops: { during: 'other' } }).evidence).toEqual(['nothing to judge: fault other was not applied in this run']);
  });

  it('the schema refuses what cannot be judged, saying where', () => {
    const issue = (spec: object) => {
      const r = evidenceSchema.safeParse({ about: 'x', ...spec });
      return r.success ? 'valid' : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`;
    };
    expect(issue({ ops: {}, events: {} })).toBe(': a clause selects either events or ops');
    expect(issue({})).toBe(': a clause selects either events or ops');
    expect(issue({ events: { path: '(' } })).toMatch(/^events.path: invalid regular expression "\(": /);
    expect(issue({ ops: { kind: 'pusj' } })).toMatch(/^ops.kind: unknown op kind "pusj"; known: push,/);
    expect(issue({ all: { a: { ops: {} } }, count: { min: 1 } })).toBe('count: belongs in one of the clauses of all');
    expect(issue({ events: { status: 999 } })).not.toBe('valid');
    expect(issue({ ops: { kind: 'push' }, every: { outcome: 'ok' } })).toBe('valid');
  });
});
