// The invariants a fuzz case must keep, checked over its recorded history after every command and at its end.
import type { CheckResult } from '../checkers/check.ts';
import { durability } from '../checkers/durability.ts';
import { honestErrors } from '../checkers/honest-errors.ts';
import { integrity } from '../checkers/integrity.ts';
import { liveness } from '../checkers/liveness.ts';
import { readYourWrites } from '../checkers/read-your-writes.ts';
import type { LabEvent } from '../events/schema.ts';
import { history } from '../history/history.ts';

/** No fuzz op may take longer than this (a stalled S3 call with its retries takes about 7–16 s). */
export const OP_BOUND_MS = 60_000;

export class Violation extends Error {
  override name = 'Violation';
  constructor(
    readonly checker: string,
    readonly evidence: string[],
  ) {
    super(`${checker}: ${evidence[0] ?? 'violated'}`);
  }
}

export function checks(events: readonly LabEvent[]): Record<string, CheckResult> {
  const ops = history(events);
  return {
    durability: durability(ops),
    integrity: integrity(ops),
    'honest-errors': honestErrors(ops),
    'read-your-writes': readYourWrites(ops, events),
    liveness: liveness(ops, {}, OP_BOUND_MS),
  };
}

export function verify(events: readonly LabEvent[]): void {
  for (const [name, r] of Object.entries(checks(events))) if (r.valid === false) throw new Violation(name, r.evidence);
}
