// Builds a hand-written event log for tests: assigns seq, t and at the way EventLog.append does.
import type { LabEvent, NewEvent, Outcome } from '../../../lab/events/schema.ts';

const START = Date.UTC(2026, 10, 22, 5, 57, 0);

/** [t in ms, event] pairs, in log order */
export function build(...items: Array<[number, NewEvent]>): LabEvent[] {
  return items.map(([t, e], seq) => ({ seq, t, at: new Date(START + t).toISOString(), ...e }) as LabEvent);
}

export const invoke = (op: number, kind: string, args: Record<string, unknown>): NewEvent => ({ type: 'op.invoke', op, kind, args });

export const complete = (op: number, kind: string, outcome: Outcome, more: { value?: Record<string, unknown>; error?: string; status?: number } = {}): NewEvent => ({
  type: 'op.complete',
  op,
  kind,
  outcome,
  ...more,
});

export const applied = (fault: string, target = 'rgw-link'): NewEvent => ({ type: 'fault.applied', fault, kind: 'toxic', target, detail: {} });
export const healed = (fault: string, target = 'rgw-link'): NewEvent => ({ type: 'fault.healed', fault, kind: 'toxic', target, detail: {} });

export const access = (component: string, product: string, method: string, path: string, status: number, more: { flags?: string; upstream?: string; durationMs?: number } = {}): NewEvent => ({
  type: 'access',
  component,
  product,
  method,
  path,
  status,
  ...more,
});
