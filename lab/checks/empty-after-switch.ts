// After the registry was switched to a new bucket, images acknowledged before the switch do not pull (404):
// the bucket is empty of them until they are pushed again; images pushed after the switch pull.
import type { EventOf } from '../core/events/schema.ts';
import { faultWindows } from '../core/fault-windows.ts';
import { imageRef, opsOf } from '../ops/history.ts';
import { symptom } from './check.ts';

export default symptom({
  name: 'empty-after-switch',
  about: 'after a switch to another bucket, pulls of images acknowledged before get 404; images pushed after pull',
  run({ events, ops }) {
    const sw = faultWindows(events).find((w) => w.kind === 'bucket-switch');
    if (!sw) return { valid: false, evidence: ['the registry was not switched to another bucket'] };
    const inWindow = (t: number) => t >= sw.from && (sw.to === undefined || t < sw.to);
    const applied = events.find((e): e is EventOf<'fault.applied'> => e.type === 'fault.applied' && e.kind === 'bucket-switch');
    const pushes = opsOf(ops, 'push');
    const before = pushes.filter((o) => o.outcome === 'ok' && o.completedAt! < sw.from);
    const pulls = opsOf(ops, 'pull').filter((o) => inWindow(o.invokedAt));
    const missing = pulls.filter((p) => p.outcome === 'fail' && p.status === 404 && before.some((b) => imageRef(b) === imageRef(p)));
    const fresh = pushes.filter((o) => o.outcome === 'ok' && inWindow(o.invokedAt));
    const freshPulled = pulls.filter((p) => p.outcome === 'ok' && fresh.some((f) => imageRef(f) === imageRef(p)));
    const evidence = [
      `switched to bucket ${String(applied?.detail.to ?? '?')} holding ${String(applied?.detail.objects ?? '?')} objects; ${missing.length} pulls of images acknowledged before the switch got 404`,
      ...missing.slice(0, 3).map((p) => `op ${p.op} pull ${imageRef(p)}: ${p.error ?? ''}`.trim()),
      `${freshPulled.length} of ${fresh.length} images pushed after the switch pulled`,
    ];
    return { valid: missing.length > 0 && fresh.length > 0 && freshPulled.length === fresh.length, evidence, ops: missing.map((p) => p.op) };
  },
});
