import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../lab/core/events/schema.ts';
import { COVERAGE_NAMES, coverage } from '../../../lab/fuzz/coverage.ts';

let seq = 0;
const e = (t: number, fields: Record<string, unknown>) => ({ seq: seq++, t, at: '', ...fields }) as LabEvent;
const start = (n: number, t: number) => e(t, { type: 'fuzz.case', case: n, step: 'start', shrink: 0 });
const end = (n: number, t: number) => e(t, { type: 'fuzz.case', case: n, step: 'end', shrink: 0, outcome: 'pass' });
const op = (n: number, kind: string, t: number, args: Record<string, unknown> = {}, outcome = 'ok') => [
  e(t, { type: 'op.invoke', op: n, kind, args }),
  e(t + 5, { type: 'op.complete', op: n, kind, outcome }),
];
const fault = (t: number, healed: number) => [
  e(t, { type: 'fault.applied', fault: 'timeout@rgw-link', kind: 'toxic', targets: [], detail: {} }),
  e(healed, { type: 'fault.healed', fault: 'timeout@rgw-link', kind: 'toxic', targets: [], detail: {} }),
];

describe('the coverage of a fuzz run', () => {
  it('counts the cases that reached each path, from their events alone', () => {
    const events = [
      // case 0: an upload open, a fault, a PATCH acknowledged during it, a HEAD during it, a GC and a restart while open
      start(0, 0),
      ...op(0, 'upload-start', 10, { repo: 'r', upload: 0 }),
      ...fault(20, 100),
      ...op(1, 'upload-patch', 30, { repo: 'r', upload: 0 }),
      ...op(2, 'head', 40),
      ...op(3, 'gc', 110),
      ...op(4, 'restart', 120, { component: 'registry' }),
      end(0, 200),
      // case 1: the PATCH fails during the fault, the read comes after it, the upload is committed before the GC
      start(1, 300),
      ...op(5, 'upload-start', 310, { repo: 's', upload: 0 }),
      ...fault(320, 400),
      ...op(6, 'upload-patch', 330, { repo: 's', upload: 0 }, 'info'),
      ...op(7, 'upload-commit', 410, { repo: 's', upload: 0 }),
      ...op(8, 'pull', 420),
      ...op(9, 'gc', 430),
      end(1, 500),
      // case 2: a GC while an upload is open fails (a store with no blob yet: "Path not found"): it collected nothing
      start(2, 510),
      ...op(11, 'upload-start', 520, { repo: 't', upload: 0 }),
      ...op(12, 'gc', 530, {}, 'info'),
      end(2, 590),
      // a case that never began: nothing counted
      ...op(10, 'gc', 600),
    ];
    expect(coverage(events)).toEqual({
      cases: 3,
      reached: { 'patch-acked-during-fault': 1, 'gc-with-upload-open': 1, 'read-during-fault': 1, 'restart-during-upload': 1 },
    });
  });

  it('reaches nothing in a run of no cases', () => {
    expect(coverage([])).toEqual({ cases: 0, reached: Object.fromEntries(COVERAGE_NAMES.map((n) => [n, 0])) });
  });
});
