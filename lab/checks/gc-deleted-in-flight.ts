// Garbage collection ran while a push was in flight (its blobs up, its manifest not yet) and deleted blobs
// that push had uploaded: the manifest is refused (MANIFEST_BLOB_UNKNOWN) or, worse, accepted for blobs
// that are gone, and the image does not pull.
import { opsOf } from '../ops/history.ts';
import { symptom } from './check.ts';

export default symptom({
  name: 'gc-deleted-in-flight',
  about: 'garbage collection deleted blobs of a push in flight (blobs up, manifest not yet); that image does not pull',
  run({ ops }) {
    const evidence: string[] = [];
    const where: number[] = [];
    // times are rounded to 0.1 ms: in a sequential workload the next op can be invoked at the very time the one
    // before it completed, so "after" includes the same time
    for (const up of opsOf(ops, 'push-blobs').filter((o) => o.outcome === 'ok')) {
      const manifest = opsOf(ops, 'push').find((o) => o.args.manifestOnly && o.args.repo === up.args.repo && o.invokedAt >= up.completedAt!);
      for (const collect of opsOf(ops, 'gc').filter(
        (o) => o.outcome === 'ok' && o.invokedAt >= up.completedAt! && (!manifest || o.completedAt! <= manifest.invokedAt),
      )) {
        const lost = up.args.blobs.filter((d) => (collect.value?.deleted ?? []).includes(d));
        if (lost.length === 0) continue;
        const pulls = opsOf(ops, 'pull').filter((o) => o.args.repo === up.args.repo && o.invokedAt > collect.completedAt!);
        where.push(collect.op, ...(manifest ? [manifest.op] : []), ...pulls.map((p) => p.op));
        evidence.push(
          `op ${collect.op} gc deleted ${lost.length} of the ${up.args.blobs.length} blobs op ${up.op} had uploaded for ${up.args.repo}, whose manifest was not yet put`,
          ...(manifest
            ? [`op ${manifest.op} manifest PUT then: ${manifest.outcome}${manifest.status ? ` HTTP ${manifest.status}` : ''} ${manifest.error ?? ''}`.trim()]
            : []),
          ...pulls.map((p) => `op ${p.op} pull of ${p.args.repo}: ${p.outcome}${p.status ? ` HTTP ${p.status}` : ''} ${p.error ?? ''}`.trim()),
        );
      }
    }
    return { valid: evidence.length > 0, evidence, ops: where };
  },
});
