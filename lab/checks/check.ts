// A check: a pure function of a run's events and typed history. Invariants (durability, integrity …) hold or
// are violated; symptoms (one link of an incident's evidence chain each) are seen or not. Both answer valid:
// true, false or 'unknown' (the run cannot tell), with one line of evidence per deciding fact.
import type { LabEvent } from '../core/events/schema.ts';
import type { Result } from '../core/run-files.ts';
import type { Op } from '../ops/history.ts';

export type Finding = Omit<Result, 'kind'>;

export interface CheckInput {
  events: readonly LabEvent[];
  ops: readonly Op[];
  /** per op kind, ms after which an op counts as hung */
  bounds: Readonly<Record<string, number>>;
  /** the bound of op kinds without one */
  defaultBoundMs: number;
}

export interface Check {
  readonly name: string;
  readonly kind: Result['kind'];
  readonly about: string;
  run(input: CheckInput): Finding;
}

export const invariant = (c: Omit<Check, 'kind'>): Check => ({ kind: 'invariant', ...c });
export const symptom = (c: Omit<Check, 'kind'>): Check => ({ kind: 'symptom', ...c });

/** A check's result; one that throws is 'unknown' with the error as its evidence. */
export function runCheck(c: Check, input: CheckInput): Result {
  try {
    return { kind: c.kind, ...c.run(input) };
  } catch (e) {
    return { kind: c.kind, valid: 'unknown', evidence: [`the ${c.name} check failed: ${(e as Error).message}`] };
  }
}

/** Results composed: false wins over unknown, unknown over true. */
export function compose(valids: readonly Result['valid'][]): Result['valid'] {
  return valids.includes(false) ? false : valids.includes('unknown') ? 'unknown' : true;
}
