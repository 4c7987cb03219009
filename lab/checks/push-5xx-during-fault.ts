// A push invoked while a fault was active ended with a 5xx from the registry. The evidence quotes what the
// registry logged for the failing request: its 500 body hides the S3 error behind it.
import type { LabEvent } from '../core/events/schema.ts';
import { activeAt, faultWindows } from '../core/fault-windows.ts';
import { imageRef, opsOf, type Op } from '../ops/history.ts';
import { symptom } from './check.ts';

function registrySaid(events: readonly LabEvent[], op: Op): string | undefined {
  const failing = events.findLast((e) => e.type === 'http' && e.op === op.op && (e.status ?? 0) >= 500);
  const path = failing?.type === 'http' ? failing.path.split('?')[0]! : undefined;
  const line = path && events.find((e) => e.type === 'component.log' && e.component === 'registry' && e.line.includes(path));
  return line && line.type === 'component.log' ? line.line : undefined;
}

export default symptom({
  name: 'push-5xx-during-fault',
  about: 'a push invoked while a fault was active ended with a 5xx from the registry (quoting what the registry logged)',
  run({ events, ops }) {
    const windows = faultWindows(events);
    const where: number[] = [];
    const evidence = opsOf(ops, 'push')
      .filter((o) => o.outcome !== 'ok' && (o.status ?? 0) >= 500)
      .flatMap((o) => {
        const during = activeAt(windows, o.invokedAt);
        if (during.length === 0) return [];
        where.push(o.op);
        const secs = ((o.completedAt! - o.invokedAt) / 1000).toFixed(1);
        const said = registrySaid(events, o);
        return [
          `op ${o.op} push ${imageRef(o)} ended ${o.outcome} with HTTP ${o.status} after ${secs} s during fault ${during.map((w) => w.fault).join(',')}: ${o.error ?? ''}`.trim(),
          ...(said ? [`registry logged: ${said.replace(/\s+/g, ' ').slice(0, 200)}`] : []),
        ];
      });
    return { valid: evidence.length > 0, evidence, ops: where };
  },
});
