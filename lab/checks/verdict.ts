// The verdict: a pure function of the expectations and the run's events. Every invariant is checked, and every
// check the expectations name: the scenario's own evidence first, then the bundled checks. Exit codes: 0
// expectations met ("reproduced", or "holds" when nothing is to be reproduced); 1 not met; 2 unknown or
// interrupted. The reason names the first check that decided it.
import type { LabEvent } from '../core/events/schema.ts';
import type { Expectations, Result, Verdict } from '../core/run-files.ts';
import { history } from '../ops/history.ts';
import { runCheck, type Check } from './check.ts';
import { evidenceCheck, evidenceSchema, type EvidenceSpec } from './evidence.ts';
import { CHECKS, INVARIANTS } from './index.ts';

export interface JudgeOptions {
  /** a fuzz run (mode fuzz): an invariant nothing exercised is not a reason for "unknown" */
  unknownHolds?: boolean;
}

/** The check a name stands for in these expectations. */
function resolver(x: Judged): (name: string) => Check | undefined {
  const evidence = Object.fromEntries(Object.entries(x.evidence ?? {}).map(([n, e]) => [n, evidenceSchema.parse(e)])) as Record<string, EvidenceSpec>;
  return (name) => (evidence[name] ? evidenceCheck(name, evidence[name], evidence) : CHECKS.find(name));
}

/** Expectations; evidence may be absent (older runs, tests). */
type Judged = Omit<Expectations, 'evidence'> & { evidence?: Expectations['evidence'] };

export function judge(x: Judged, events: readonly LabEvent[], o: JudgeOptions = {}): Verdict {
  const input = { events, ops: history(events), bounds: x.bounds, defaultBoundMs: 120_000 };
  const find = resolver(x);
  const { reproduced, violated, holds } = x.expect;
  const names = [...new Set([...reproduced, ...INVARIANTS, ...violated, ...holds])];
  const checks: Record<string, Result> = Object.fromEntries(
    names.map((n) => {
      const c = find(n);
      return [n, c ? runCheck(c, input) : { kind: 'symptom', valid: 'unknown', evidence: [`no check named ${n}; known: ${CHECKS.names.join(', ')}`] }];
    }),
  );
  const crashes = events.flatMap((e) =>
    e.type === 'component.exited' && !e.expected ? [`${e.component} (${e.product}) pid ${e.pid} exited ${e.code ?? e.signal}`] : [],
  );
  const expected = reproduced.length > 0 || violated.length > 0 ? 'reproduced' : 'holds';
  const base = { expected, checks, crashes } as const;
  const first = (list: readonly string[], valid: Result['valid'] | ((v: Result['valid']) => boolean)) =>
    list.find((n) => (typeof valid === 'function' ? valid(checks[n]!.valid) : checks[n]!.valid === valid));
  const said = (n: string) => checks[n]!.evidence[0] ?? 'no evidence';

  if (events.some((e) => e.type === 'phase' && e.name === 'interrupted'))
    return { ...base, verdict: 'interrupted', exitCode: 2, reason: 'the run was interrupted before it ended' };
  const broken = first(holds, false);
  if (broken) return { ...base, verdict: 'violated', exitCode: 1, reason: `${broken} is violated: ${said(broken)}` };
  const unseen = first(reproduced, (v) => v !== true);
  if (unseen) return { ...base, verdict: 'not reproduced', exitCode: 1, reason: `${unseen} was not seen: ${said(unseen)}` };
  const held = first(violated, (v) => v !== false);
  if (held) return { ...base, verdict: 'not reproduced', exitCode: 1, reason: `${held} was not violated: ${said(held)}` };
  const unjudged = o.unknownHolds ? undefined : first(holds, 'unknown');
  if (unjudged) return { ...base, verdict: 'unknown', exitCode: 2, reason: `${unjudged} had nothing to judge: ${said(unjudged)}` };
  if (crashes.length > 0) return { ...base, verdict: 'unknown', exitCode: 2, reason: `a component crashed: ${crashes[0]}` };
  const met = [...reproduced.map((n) => `${n} seen`), ...violated.map((n) => `${n} violated`), ...(holds.length ? [`${holds.join(', ')} held`] : [])];
  return { ...base, verdict: expected, exitCode: 0, reason: met.join('; ') || 'every invariant held' };
}
