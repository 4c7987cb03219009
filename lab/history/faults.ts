// When each fault was active, folded from fault.applied / fault.healed events.
import type { LabEvent } from '../events/schema.ts';

export interface FaultWindow {
  fault: string;
  kind: string;
  target: string;
  from: number;
  /** undefined: never healed in this log */
  to?: number;
}

/** Kinds recorded as faults that are one-shot actions (a healing step), not a state that lasts. */
export const ACTIONS: ReadonlySet<string> = new Set(['daemon-pass', 'cache-flush', 'failover', 'sync-pass', 'bucket-copy', 'zone-failover', 'sync-wait']);

export function faultWindows(events: readonly LabEvent[]): FaultWindow[] {
  const windows: FaultWindow[] = [];
  for (const e of events) {
    if ((e.type === 'fault.applied' || e.type === 'fault.healed') && ACTIONS.has(e.kind)) continue;
    if (e.type === 'fault.applied') windows.push({ fault: e.fault, kind: e.kind, target: e.target, from: e.t });
    else if (e.type === 'fault.healed') {
      const open = windows.findLast((w) => w.fault === e.fault && w.to === undefined);
      if (open) open.to = e.t;
    }
  }
  return windows;
}

export function activeAt(windows: readonly FaultWindow[], t: number): FaultWindow[] {
  return windows.filter((w) => w.from <= t && (w.to === undefined || t < w.to));
}
