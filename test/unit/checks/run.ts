// A check over a hand-written event log, as the verdict runs it: a bundled check by name, or the evidence a
// scenario file states.
import { runCheck } from '../../../lab/checks/check.ts';
import { evidenceCheck, evidenceSchema, type EvidenceSpec } from '../../../lab/checks/evidence.ts';
import { CHECKS } from '../../../lab/checks/index.ts';
import type { LabEvent } from '../../../lab/core/events/schema.ts';
import type { Result } from '../../../lab/core/run-files.ts';
import { history } from '../../../lab/ops/history.ts';

export function checkOn(name: string, events: readonly LabEvent[], bounds: Record<string, number> = {}, defaultBoundMs = 120_000): Result {
  return runCheck(CHECKS.get(name), { events, ops: history(events), bounds, defaultBoundMs });
}

/** Evidence given as data, with the others it may join with. */
export function evidenceOn(name: string, all: Record<string, unknown>, events: readonly LabEvent[]): Result {
  const specs = Object.fromEntries(Object.entries(all).map(([n, e]) => [n, evidenceSchema.parse(e)])) as Record<string, EvidenceSpec>;
  return runCheck(evidenceCheck(name, specs[name]!, specs), { events, ops: history(events), bounds: {}, defaultBoundMs: 120_000 });
}

/** The evidence a bundled scenario file states, by name. */
export async function scenarioEvidence(file: string): Promise<Record<string, unknown>> {
  const s = (await import(`../../../scenarios/${file}.ts`)) as { default: { evidence?: Record<string, unknown> } };
  return s.default.evidence ?? {};
}
