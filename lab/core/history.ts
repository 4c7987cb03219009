// The Jepsen-style history of a run: each op's invoke and its completion, folded from the events. Payloads are
// kept as recorded here; lab/ops/history.ts types them by op kind.
import type { LabEvent, Outcome } from './events/schema.ts';

export interface RawOp {
  op: number;
  kind: string;
  args: Record<string, unknown>;
  invokedAt: number;
  /** undefined while the op has not completed (a hang, or a crash of the run) */
  outcome?: Outcome;
  completedAt?: number;
  value?: Record<string, unknown>;
  error?: string;
  status?: number;
}

export function rawHistory(events: readonly LabEvent[]): RawOp[] {
  const ops = new Map<number, RawOp>();
  for (const e of events) {
    if (e.type === 'op.invoke') ops.set(e.op, { op: e.op, kind: e.kind, args: e.args, invokedAt: e.t });
    else if (e.type === 'op.complete') {
      const op = ops.get(e.op);
      if (op) Object.assign(op, { outcome: e.outcome, completedAt: e.t, value: e.value, error: e.error, status: e.status });
    }
  }
  return [...ops.values()];
}

export function duration(op: { invokedAt: number; completedAt?: number }): number | undefined {
  return op.completedAt === undefined ? undefined : op.completedAt - op.invokedAt;
}
