// The verdict: a pure function of the scenario's expectations and the run's events.
// Exit codes: 0 expectations met ("reproduced", or "holds" when nothing is to be reproduced); 1 not met; 2 unknown.
import type { CheckResult } from './checkers/check.ts';
import { durability } from './checkers/durability.ts';
import { honestErrors } from './checkers/honest-errors.ts';
import { integrity } from './checkers/integrity.ts';
import { liveness } from './checkers/liveness.ts';
import { lossWindowCheck } from './checkers/loss-window.ts';
import { readYourWrites } from './checkers/read-your-writes.ts';
import type { LabEvent } from './events/schema.ts';
import type { Finding } from './evidence/symptom.ts';
import { symptoms } from './evidence/symptoms.ts';
import { history } from './history/history.ts';
import type { Scenario } from './scenario/schema.ts';

export type VerdictName = 'reproduced' | 'not reproduced' | 'holds' | 'violated' | 'unknown' | 'interrupted';

export interface Verdict {
  verdict: VerdictName;
  exitCode: 0 | 1 | 2;
  expected: 'reproduced' | 'holds';
  symptoms: Record<string, Finding>;
  checks: Record<string, CheckResult>;
  /** components that exited while nobody asked them to */
  crashes: string[];
}

type Expectations = { expect: Omit<Scenario['expect'], 'violated'> & { violated?: Scenario['expect']['violated'] }; bounds: Scenario['bounds'] };

/** Every checker over a history; ops without a bound of their kind get defaultBoundMs. */
export function checkAll(events: readonly LabEvent[], bounds: Readonly<Record<string, number>>, defaultBoundMs?: number): Record<string, CheckResult> {
  const ops = history(events);
  return {
    durability: durability(ops),
    integrity: integrity(ops),
    liveness: liveness(ops, bounds, defaultBoundMs),
    'honest-errors': honestErrors(ops),
    'read-your-writes': readYourWrites(ops, events),
    'loss-window': lossWindowCheck(ops, events),
  };
}

export function judge(s: Expectations, events: readonly LabEvent[]): Verdict {
  const ops = history(events);
  const checks = checkAll(events, s.bounds);
  const found = Object.fromEntries(s.expect.reproduced.map((name) => [name, symptoms[name](events, ops)]));
  const crashes = events.flatMap((e) => (e.type === 'component.exited' && !e.expected ? [`${e.component} (${e.product}) pid ${e.pid} exited ${e.code ?? e.signal}`] : []));
  const violated = s.expect.violated ?? [];
  const expected = s.expect.reproduced.length > 0 || violated.length > 0 ? 'reproduced' : 'holds';
  const base = { expected, symptoms: found, checks, crashes } as const;

  if (events.some((e) => e.type === 'phase' && e.name === 'interrupted')) return { ...base, verdict: 'interrupted', exitCode: 2 };
  const held = s.expect.holds.map((name) => checks[name]!.valid);
  if (held.includes(false)) return { ...base, verdict: 'violated', exitCode: 1 };
  const seen = Object.values(found).every((f) => f.seen) && violated.every((name) => checks[name]!.valid === false);
  if (expected === 'reproduced' && !seen) return { ...base, verdict: 'not reproduced', exitCode: 1 };
  if (held.includes('unknown') || crashes.length > 0) return { ...base, verdict: 'unknown', exitCode: 2 };
  return { ...base, verdict: expected, exitCode: 0 };
}
