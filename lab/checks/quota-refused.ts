// The bucket's quota ran out in the middle of a push: the object store refused a write (403 QuotaExceeded)
// and the registry answered the push with an error, not a success; once the quota was lifted, a push worked.
import type { EventOf } from '../core/events/schema.ts';
import { activeAt, faultWindows } from '../core/fault-windows.ts';
import { imageRef, opsOf } from '../ops/history.ts';
import { symptom } from './check.ts';

export default symptom({
  name: 'quota-refused',
  about: 'with the quota set, the object store refused a write (403) and the push failed; after it was lifted a push worked',
  run({ events, ops }) {
    const windows = faultWindows(events).filter((w) => w.kind === 'quota');
    const during = (t: number) => activeAt(windows, t).length > 0;
    const refused = events.filter(
      (e): e is EventOf<'access'> =>
        e.type === 'access' && e.component === 'object-store' && e.status === 403 && ['PUT', 'POST'].includes(e.method) && during(e.t),
    );
    const pushes = opsOf(ops, 'push').filter((o) => o.outcome !== 'ok' && during(o.invokedAt));
    const lifted = windows.find((w) => w.to !== undefined)?.to;
    const again = opsOf(ops, 'push').find((o) => o.outcome === 'ok' && lifted !== undefined && o.invokedAt >= lifted);
    const evidence = [
      `the object store refused ${refused.length} writes with 403 while the quota was set${refused[0] ? `, the first: ${refused[0].method} ${refused[0].path}` : ''}`,
      ...pushes.map((o) => `op ${o.op} push ${imageRef(o)} ended ${o.outcome}${o.status ? ` with HTTP ${o.status}` : ''}: ${o.error ?? ''}`.trim()),
      again ? `after the quota was lifted, op ${again.op} push ${imageRef(again)} was acknowledged` : 'no push was acknowledged after the quota was lifted',
    ];
    return { valid: refused.length > 0 && pushes.length > 0 && again !== undefined, evidence, ops: pushes.map((o) => o.op), seqs: refused.map((e) => e.seq) };
  },
});
