// Where a replay reads events from: a run's file (indexed, parsed lazily) or a list in memory (a live run).
import type { LabEvent } from './schema.ts';

export interface EventSource {
  readonly length: number;
  /** ms since the run started of event i */
  t(i: number): number;
  event(i: number): LabEvent;
  /** the events a timeline is folded from (not the lines of imported logs: host-lanes.ts folds those) */
  timelineEvents(): LabEvent[];
  /** indices of the events whose component, product, op kind, outcome, status or type is `term`, or whose path,
   * log line, error or host holds it */
  filter(term: string): Int32Array;
}

/** What a filter term matches in an event: the whole of one of these fields … */
export const FILTER_FIELDS = ['component', 'product', 'kind', 'outcome', 'status', 'type'] as const;
/** … or free text inside one of these (a path, a log line, an error, a host). */
export const TEXT_FIELDS = ['path', 'line', 'error', 'host'] as const;

/** Whether an event is one a filter term selects. */
export function matches(e: LabEvent, term: string): boolean {
  const fields = e as Record<string, unknown>;
  return (
    FILTER_FIELDS.some((f) => fields[f] !== undefined && String(fields[f]) === term) ||
    TEXT_FIELDS.some((f) => typeof fields[f] === 'string' && (fields[f] as string).includes(term))
  );
}

export class MemorySource implements EventSource {
  private readonly events: LabEvent[] = [];

  constructor(events: readonly LabEvent[] = []) {
    this.events.push(...events);
  }

  push(e: LabEvent): void {
    this.events.push(e);
  }

  get length(): number {
    return this.events.length;
  }

  t(i: number): number {
    return this.events[i]!.t;
  }

  event(i: number): LabEvent {
    return this.events[i]!;
  }

  timelineEvents(): LabEvent[] {
    return this.events.filter((e) => TIMELINE_TYPES.has(e.type) && !('host' in e && e.host !== undefined));
  }

  filter(term: string): Int32Array {
    const hits: number[] = [];
    this.events.forEach((e, i) => {
      if (matches(e, term)) hits.push(i);
    });
    return Int32Array.from(hits);
  }
}

/** The events a timeline is folded from; the rest (access lines, HTTP exchanges) are only shown in detail. */
export const TIMELINE_TYPES: ReadonlySet<LabEvent['type']> = new Set([
  'run.started',
  'run.finished',
  'phase',
  'component.starting',
  'component.ready',
  'component.exited',
  'component.log',
  'op.invoke',
  'op.complete',
  'fault.applied',
  'fault.healed',
  'fault.action',
  'fault.failed',
  'verdict',
]);
