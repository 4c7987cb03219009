// A push invoked while a fault was active ended with a 5xx from the registry. The evidence quotes what the
// registry logged for the failing request: its 500 body hides the S3 error behind it.
import type { LabEvent } from '../events/schema.ts';
import { activeAt, faultWindows } from '../history/faults.ts';
import { imageRef, type Op } from '../history/history.ts';
import type { Symptom } from './symptom.ts';

function registrySaid(events: readonly LabEvent[], op: Op): string | undefined {
  const failing = events.findLast((e) => e.type === 'http' && e.op === op.op && (e.status ?? 0) >= 500);
  const path = failing?.type === 'http' ? failing.path.split('?')[0]! : undefined;
  const line = path && events.find((e) => e.type === 'component.log' && e.component === 'registry' && e.line.includes(path));
  return line && line.type === 'component.log' ? line.line : undefined;
}

export const push5xxDuringFault: Symptom = (events, ops) => {
  const windows = faultWindows(events);
  const where: number[] = [];
  const evidence = ops
    .filter((o) => o.kind === 'push' && o.outcome !== 'ok' && (o.status ?? 0) >= 500)
    .flatMap((o) => {
      const during = activeAt(windows, o.invokedAt);
      if (during.length === 0) return [];
      where.push(o.op);
      const secs = ((o.completedAt! - o.invokedAt) / 1000).toFixed(1);
      const said = registrySaid(events, o);
      return [
        `op ${o.op} push ${imageRef(o.args)} ended ${o.outcome} with HTTP ${o.status} after ${secs} s during fault ${during.map((w) => w.fault).join(',')}: ${o.error ?? ''}`.trim(),
        ...(said ? [`registry logged: ${said.replace(/\s+/g, ' ').slice(0, 200)}`] : []),
      ];
    });
  return { seen: evidence.length > 0, evidence, ops: where };
};
