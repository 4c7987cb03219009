// The Jepsen-style history of a run: each op's invoke and its completion, folded from the events.
import type { LabEvent, Outcome } from '../events/schema.ts';

export interface Op {
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

export function history(events: readonly LabEvent[]): Op[] {
  const ops = new Map<number, Op>();
  for (const e of events) {
    if (e.type === 'op.invoke') ops.set(e.op, { op: e.op, kind: e.kind, args: e.args, invokedAt: e.t });
    else if (e.type === 'op.complete') {
      const op = ops.get(e.op);
      if (op) Object.assign(op, { outcome: e.outcome, completedAt: e.t, value: e.value, error: e.error, status: e.status });
    }
  }
  return [...ops.values()];
}

export function duration(op: Op): number | undefined {
  return op.completedAt === undefined ? undefined : op.completedAt - op.invokedAt;
}

/** Where an image lives: "repo:tag" */
export function imageRef(args: Record<string, unknown>): string {
  return `${String(args.repo)}:${String(args.tag)}`;
}
