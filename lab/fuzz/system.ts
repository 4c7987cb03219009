// The real system the fuzzer drives: the running stack, the op recorder, the fault effects, the open uploads.
import type { FaultEffect } from '../../faults/fault.ts';
import type { EventLog } from '../events/log.ts';
import type { LabEvent } from '../events/schema.ts';
import type { Ops } from '../ops.ts';
import type { Stack } from '../runtime/stack.ts';
import type { Command } from './command.ts';

export class System {
  /** where each upload of the case continues (its Location) */
  readonly locations: URL[] = [];
  /** this case's events, for the checks after every command */
  caseEvents: LabEvent[] = [];
  /** the commands this case ran, in order */
  ran: Command[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    readonly stack: Stack,
    readonly ops: Ops,
    readonly events: EventLog,
    readonly effects: ReadonlyMap<string, FaultEffect>,
    readonly seed: number,
  ) {
    this.unsubscribe = events.subscribe((e) => this.caseEvents.push(e));
  }

  newCase(): void {
    this.caseEvents = [];
    this.ran = [];
    this.locations.length = 0;
  }

  close(): void {
    this.unsubscribe();
  }
}
