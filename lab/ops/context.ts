// What commands run against: the running stack, the op recorder, the run's faults, the seed, and the uploads
// in progress. One per scenario workload, or per fuzz run (renewed for each case).
import type { EventLog } from '../core/events/log.ts';
import type { LabEvent } from '../core/events/schema.ts';
import type { Stack } from '../runtime/stack.ts';
import type { Recorder } from './recorder.ts';

/** The run's faults, as commands see them (faults/control.ts). */
export interface Faults {
  apply(name: string): Promise<{ ok: boolean }>;
  heal(name: string): Promise<{ ok: boolean }>;
  isAction(name: string): boolean;
}

export class OpContext {
  /** where each upload of the case continues (its Location) */
  readonly locations: URL[] = [];
  /** this case's events, for the checks after every command */
  caseEvents: LabEvent[] = [];
  /** the commands this case ran, in order */
  ran: Array<{ cmd: string } & Record<string, unknown>> = [];
  private readonly unsubscribe: () => void;

  constructor(
    readonly stack: Stack,
    readonly ops: Recorder,
    readonly events: EventLog,
    readonly faults: Faults,
    readonly seed: number,
  ) {
    this.unsubscribe = events.subscribe((e) => this.caseEvents.push(e));
  }

  newCase(): void {
    this.caseEvents = [];
    this.ran = [];
    this.locations.length = 0;
  }

  [Symbol.dispose](): void {
    this.unsubscribe();
  }
}
