// A symptom is a pure test over a run's events for one link of an incident's evidence chain.
import type { LabEvent } from '../events/schema.ts';
import type { Op } from '../history/history.ts';

export interface Finding {
  seen: boolean;
  evidence: string[];
  /** where it was seen: ops, and events by seq */
  ops?: number[];
  seqs?: number[];
}

export type Symptom = (events: readonly LabEvent[], ops: readonly Op[]) => Finding;
