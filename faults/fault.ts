// A fault is a pure plan (what, where) and an effect that applies or heals it and returns what it really did.
import type { EventLog } from '../lab/events/log.ts';

export interface Applied {
  /** what the effect acted on, e.g. "fault-proxy/rgw-link" */
  target: string;
  /** what the real component answered (the toxic as Toxiproxy stored it …) */
  detail: Record<string, unknown>;
}

export interface FaultEffect {
  readonly name: string;
  readonly kind: string;
  apply(): Promise<Applied>;
  heal(): Promise<Applied>;
}

/** Runs an effect and records the fact in the event log. */
export async function applyFault(effect: FaultEffect, events: EventLog): Promise<void> {
  const a = await effect.apply();
  events.append({ type: 'fault.applied', fault: effect.name, kind: effect.kind, target: a.target, detail: a.detail });
}

export async function healFault(effect: FaultEffect, events: EventLog): Promise<void> {
  const h = await effect.heal();
  events.append({ type: 'fault.healed', fault: effect.name, kind: effect.kind, target: h.target, detail: h.detail });
}
