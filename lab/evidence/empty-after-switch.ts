// After the registry was switched to a new bucket, images acknowledged before the switch do not pull (404):
// the bucket is empty of them until they are pushed again; images pushed after the switch pull.
import { faultWindows } from '../history/faults.ts';
import { imageRef } from '../history/history.ts';
import type { Symptom } from './symptom.ts';

export const emptyAfterSwitch: Symptom = (events, ops) => {
  const sw = faultWindows(events).find((w) => w.kind === 'bucket-switch');
  if (!sw) return { seen: false, evidence: ['the registry was not switched to another bucket'] };
  const inWindow = (t: number) => t >= sw.from && (sw.to === undefined || t < sw.to);
  const applied = events.find((e) => e.type === 'fault.applied' && e.kind === 'bucket-switch');
  const objects = applied?.type === 'fault.applied' ? applied.detail.objects : undefined;
  const before = ops.filter((o) => o.kind === 'push' && o.outcome === 'ok' && o.completedAt! < sw.from);
  const pulls = ops.filter((o) => o.kind === 'pull' && inWindow(o.invokedAt));
  const missing = pulls.filter((p) => p.outcome === 'fail' && p.status === 404 && before.some((b) => imageRef(b.args) === imageRef(p.args)));
  const fresh = ops.filter((o) => o.kind === 'push' && o.outcome === 'ok' && inWindow(o.invokedAt));
  const freshPulled = pulls.filter((p) => p.outcome === 'ok' && fresh.some((f) => imageRef(f.args) === imageRef(p.args)));
  const evidence = [
    `switched to bucket ${sw.target.split('/').pop()} holding ${String(objects ?? '?')} objects; ${missing.length} pulls of images acknowledged before the switch got 404`,
    ...missing.slice(0, 3).map((p) => `op ${p.op} pull ${imageRef(p.args)}: ${p.error ?? ''}`.trim()),
    `${freshPulled.length} of ${fresh.length} images pushed after the switch pulled`,
  ];
  return { seen: missing.length > 0 && fresh.length > 0 && freshPulled.length === fresh.length, evidence, ops: missing.map((p) => p.op) };
};
