// Garbage collection ran while a push was in flight (its blobs up, its manifest not yet) and deleted blobs
// that push had uploaded: the manifest is refused (MANIFEST_BLOB_UNKNOWN) or, worse, accepted for blobs
// that are gone, and the image does not pull.
import type { Symptom } from './symptom.ts';

export const gcDeletedInFlight: Symptom = (_events, ops) => {
  const evidence: string[] = [];
  const where: number[] = [];
  for (const up of ops.filter((o) => o.kind === 'push-blobs' && o.outcome === 'ok')) {
    const manifest = ops.find((o) => o.kind === 'push' && o.args.manifestOnly && o.args.repo === up.args.repo && o.invokedAt > up.completedAt!);
    for (const collect of ops.filter((o) => o.kind === 'gc' && o.outcome === 'ok' && o.invokedAt > up.completedAt! && (!manifest || o.completedAt! < manifest.invokedAt))) {
      const lost = ((up.args.blobs ?? []) as string[]).filter((d) => ((collect.value?.deleted ?? []) as string[]).includes(d));
      if (lost.length === 0) continue;
      const pulls = ops.filter((o) => o.kind === 'pull' && o.args.repo === up.args.repo && o.invokedAt > collect.completedAt!);
      where.push(collect.op, ...(manifest ? [manifest.op] : []), ...pulls.map((p) => p.op));
      evidence.push(
        `op ${collect.op} gc deleted ${lost.length} of the ${((up.args.blobs ?? []) as string[]).length} blobs op ${up.op} had uploaded for ${String(up.args.repo)}, whose manifest was not yet put`,
        ...(manifest ? [`op ${manifest.op} manifest PUT then: ${manifest.outcome}${manifest.status ? ` HTTP ${manifest.status}` : ''} ${manifest.error ?? ''}`.trim()] : []),
        ...pulls.map((p) => `op ${p.op} pull of ${String(p.args.repo)}: ${p.outcome}${p.status ? ` HTTP ${p.status}` : ''} ${p.error ?? ''}`.trim()),
      );
    }
  }
  return { seen: evidence.length > 0, evidence, ops: where };
};
