// The invariants a fuzz case must keep, checked over its recorded history after every command and at its end.
import { runCheck } from '../checks/check.ts';
import { CHECKS, INVARIANTS } from '../checks/index.ts';
import type { LabEvent } from '../core/events/schema.ts';
import { history } from '../ops/history.ts';
import { OP_KINDS } from '../ops/index.ts';

/** No fuzz op may take longer than a minute (a stalled S3 call with its retries takes about 7–16 s). */
const OP_BOUND_MS = 60_000;
export const FUZZ_BOUNDS: Record<string, number> = Object.fromEntries(OP_KINDS.names.map((k) => [k, OP_BOUND_MS]));

/** The invariants a fuzz case is held to: all but the loss window, which needs a standby. */
export const FUZZ_INVARIANTS = INVARIANTS.filter((n) => n !== 'loss-window');

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
  const input = { events, ops: history(events), bounds: FUZZ_BOUNDS, defaultBoundMs: OP_BOUND_MS };
  for (const name of FUZZ_INVARIANTS) {
    const r = runCheck(CHECKS.get(name), input);
    if (r.valid === false) throw new Violation(name, r.evidence);
  }
}
