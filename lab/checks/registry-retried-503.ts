// The registry's S3 driver retried PUTs the s3-front answered 503 SlowDown, and the retries landed: the same
// request answered 2xx on a later attempt. The pushes during the fault are counted by how they ended.
import { activeAt, faultWindows } from '../core/fault-windows.ts';
import { opsOf } from '../ops/history.ts';
import { symptom } from './check.ts';
import { injected503, putsDuringHttpFault } from './s3-front-injected-503.ts';

export default symptom({
  name: 'registry-retried-503',
  about: 'the registry retried S3 PUTs the s3-front answered 503, and a later attempt of the same request landed (2xx)',
  run({ events, ops }) {
    const puts = putsDuringHttpFault(events);
    const refused = new Map<string, number>();
    for (const e of puts.filter(injected503)) refused.set(e.path, (refused.get(e.path) ?? 0) + 1);
    const landed = [...refused].filter(([path]) => puts.some((e) => e.path === path && e.status >= 200 && e.status < 300));
    const windows = faultWindows(events).filter((w) => w.kind === 'http-fault');
    const pushes = opsOf(ops, 'push').filter((o) => activeAt(windows, o.invokedAt).length > 0);
    const failed = pushes.filter((o) => o.outcome !== 'ok');
    return {
      valid: landed.length > 0,
      evidence: [
        `${landed.length} of ${refused.size} requests the s3-front answered 503 landed when the registry tried them again`,
        ...landed.slice(0, 2).map(([path, n]) => `PUT ${path}: 503 ${n}x, then 2xx`),
        `pushes while the fault was active: ${pushes.length - failed.length} acknowledged${failed.length ? `, ${failed.length} not (${failed.map((o) => `op ${o.op} ${o.outcome}${o.status ? ` HTTP ${o.status}` : ''}`).join(', ')})` : ''}`,
      ],
      ops: failed.map((o) => o.op),
    };
  },
});
