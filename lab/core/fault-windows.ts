// When each lasting fault was active, folded from fault.applied / fault.healed events. One-shot actions are
// their own events (fault.action) and open no window.
import type { LabEvent, Target } from './events/schema.ts';

export interface FaultWindow {
  fault: string;
  kind: string;
  targets: Target[];
  from: number;
  /** undefined: never healed in this log */
  to?: number;
}

export function faultWindows(events: readonly LabEvent[]): FaultWindow[] {
  const windows: FaultWindow[] = [];
  for (const e of events) {
    if (e.type === 'fault.applied') windows.push({ fault: e.fault, kind: e.kind, targets: e.targets, from: e.t });
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
