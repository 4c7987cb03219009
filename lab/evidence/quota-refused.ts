// The bucket's quota ran out in the middle of a push: the object store refused a write (403 QuotaExceeded)
// and the registry answered the push with an error, not a success; once the quota was lifted, a push worked.
import type { EventOf } from '../events/schema.ts';
import { activeAt, faultWindows } from '../history/faults.ts';
import { imageRef } from '../history/history.ts';
import type { Symptom } from './symptom.ts';

export const quotaRefused: Symptom = (events, ops) => {
  const windows = faultWindows(events).filter((w) => w.kind === 'quota');
  const during = (t: number) => activeAt(windows, t).length > 0;
  const refused = events.filter((e): e is EventOf<'access'> => e.type === 'access' && e.component === 'object-store' && e.status === 403 && ['PUT', 'POST'].includes(e.method) && during(e.t));
  const pushes = ops.filter((o) => o.kind === 'push' && o.outcome !== 'ok' && during(o.invokedAt));
  const lifted = windows.find((w) => w.to !== undefined)?.to;
  const again = ops.find((o) => o.kind === 'push' && o.outcome === 'ok' && lifted !== undefined && o.invokedAt >= lifted);
  const evidence = [
    `the object store refused ${refused.length} writes with 403 while the quota was set${refused[0] ? `, the first: ${refused[0].method} ${refused[0].path}` : ''}`,
    ...pushes.map((o) => `op ${o.op} push ${imageRef(o.args)} ended ${o.outcome}${o.status ? ` with HTTP ${o.status}` : ''}: ${o.error ?? ''}`.trim()),
    again ? `after the quota was lifted, op ${again.op} push ${imageRef(again.args)} was acknowledged` : 'no push was acknowledged after the quota was lifted',
  ];
  return { seen: refused.length > 0 && pushes.length > 0 && again !== undefined, evidence, ops: pushes.map((o) => o.op), seqs: refused.map((e) => e.seq) };
};
