// The S3 front gave up on a PUT with 504 because the object store never answered:
// envoy logs response flag SI (stream idle timeout); nginx logs 504 with upstream status 504.
import type { EventOf, LabEvent } from '../core/events/schema.ts';
import { symptom } from './check.ts';

export function idleTimeoutPuts(events: readonly LabEvent[]): EventOf<'access'>[] {
  return events.filter(
    (e): e is EventOf<'access'> =>
      e.type === 'access' &&
      e.component === 's3-front' &&
      e.method === 'PUT' &&
      e.status === 504 &&
      (e.product !== 'envoy' || (e.flags ?? '').split(',').includes('SI')),
  );
}

export default symptom({
  name: 's3-front-idle-timeout-504',
  about: 'the s3-front answered 504 for a PUT the object store never answered (envoy: flag SI)',
  run({ events }) {
    const puts = idleTimeoutPuts(events);
    const paths = new Map<string, EventOf<'access'>[]>();
    for (const p of puts) paths.set(p.path, [...(paths.get(p.path) ?? []), p]);
    const evidence = [...paths].map(([path, hits]) => {
      const h = hits[0]!;
      const how = h.product === 'envoy' ? `flag ${h.flags}` : `upstream ${h.upstream ?? '-'}`;
      return `${h.product} (s3-front) answered 504 ${how} ${hits.length}x for PUT ${path} after ${((h.durationMs ?? 0) / 1000).toFixed(1)} s`;
    });
    return { valid: evidence.length > 0, evidence, seqs: puts.map((p) => p.seq) };
  },
});
