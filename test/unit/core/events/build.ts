// Builds a hand-written event log for tests: assigns seq, t and at the way EventLog.append does.
import type { LabEvent, NewEvent, Outcome, Target } from '../../../../lab/core/events/schema.ts';

const START = Date.UTC(2026, 10, 22, 5, 57, 0);

/** [t in ms, event] pairs, in log order */
export function build(...items: Array<[number, NewEvent]>): LabEvent[] {
  return items.map(([t, e], seq) => ({ seq, t, at: new Date(START + t).toISOString(), ...e }) as LabEvent);
}

export const invoke = (op: number, kind: string, args: Record<string, unknown>): NewEvent => ({ type: 'op.invoke', op, kind, args });

export const complete = (
  op: number,
  kind: string,
  outcome: Outcome,
  more: { value?: Record<string, unknown>; error?: string; status?: number } = {},
): NewEvent => ({
  type: 'op.complete',
  op,
  kind,
  outcome,
  ...more,
});

const onLink = (link: string): Target[] => [{ component: 'fault-proxy', link }];
export const applied = (fault: string, link = 'rgw-link'): NewEvent => ({ type: 'fault.applied', fault, kind: 'toxic', targets: onLink(link), detail: {} });
export const healed = (fault: string, link = 'rgw-link'): NewEvent => ({ type: 'fault.healed', fault, kind: 'toxic', targets: onLink(link), detail: {} });
export const action = (fault: string, kind: string, targets: Target[], detail: Record<string, unknown> = {}): NewEvent => ({
  type: 'fault.action',
  fault,
  kind,
  targets,
  detail,
});

export const access = (
  component: string,
  product: string,
  method: string,
  path: string,
  status: number,
  more: { flags?: string; upstream?: string; durationMs?: number } = {},
): NewEvent => ({
  type: 'access',
  component,
  product,
  method,
  path,
  status,
  ...more,
});
