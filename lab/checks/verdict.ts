// The verdict: a pure function of the expectations and the run's events. Every invariant is checked, and every
// check the expectations name. Exit codes: 0 expectations met ("reproduced", or "holds" when nothing is to be
// reproduced); 1 not met; 2 unknown or interrupted.
import type { LabEvent } from '../core/events/schema.ts';
import type { Expectations, Result, Verdict } from '../core/run-files.ts';
import { history } from '../ops/history.ts';
import { compose, runCheck } from './check.ts';
import { CHECKS, INVARIANTS } from './index.ts';

export interface JudgeOptions {
  /** a fuzz run (mode fuzz): an invariant nothing exercised is not a reason for "unknown" */
  unknownHolds?: boolean;
}

export function judge(x: Expectations, events: readonly LabEvent[], o: JudgeOptions = {}): Verdict {
  const input = { events, ops: history(events), bounds: x.bounds, defaultBoundMs: 120_000 };
  const { reproduced, violated, holds } = x.expect;
  const names = [...new Set([...reproduced, ...INVARIANTS, ...violated, ...holds])];
  const checks: Record<string, Result> = Object.fromEntries(
    names.map((n) => {
      const c = CHECKS.find(n);
      return [n, c ? runCheck(c, input) : { kind: 'symptom', valid: 'unknown', evidence: [`no check named ${n}; known: ${CHECKS.names.join(', ')}`] }];
    }),
  );
  const crashes = events.flatMap((e) =>
    e.type === 'component.exited' && !e.expected ? [`${e.component} (${e.product}) pid ${e.pid} exited ${e.code ?? e.signal}`] : [],
  );
  const expected = reproduced.length > 0 || violated.length > 0 ? 'reproduced' : 'holds';
  const base = { expected, checks, crashes } as const;

  if (events.some((e) => e.type === 'phase' && e.name === 'interrupted')) return { ...base, verdict: 'interrupted', exitCode: 2 };
  const held = compose(holds.map((n) => checks[n]!.valid));
  if (held === false) return { ...base, verdict: 'violated', exitCode: 1 };
  const seen = reproduced.every((n) => checks[n]!.valid === true) && violated.every((n) => checks[n]!.valid === false);
  if (expected === 'reproduced' && !seen) return { ...base, verdict: 'not reproduced', exitCode: 1 };
  if ((held === 'unknown' && !o.unknownHolds) || crashes.length > 0) return { ...base, verdict: 'unknown', exitCode: 2 };
  return { ...base, verdict: expected, exitCode: 0 };
}
