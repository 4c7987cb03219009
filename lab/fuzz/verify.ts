// The invariants a fuzz case must keep, checked over its recorded history after every command and at its end.
import type { LabEvent } from '../events/schema.ts';
import { checkAll } from '../verdict.ts';

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

export function verify(events: readonly LabEvent[]): void {
  for (const [name, r] of Object.entries(checkAll(events, {}, OP_BOUND_MS))) if (r.valid === false) throw new Violation(name, r.evidence);
}
