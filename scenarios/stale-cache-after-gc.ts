import { swiftStack } from '../lab/scenario/presets.ts';
import { scenario, type ScenarioInput } from '../lab/scenario/schema.ts';

// An image is deleted and garbage collection runs the way the runbook says (registry in read-only mode), then
// the registry is back. Redis still describes the deleted blobs: a HEAD answers 200 for data that is gone
// (and a GET 200 with no bytes was seen). Flushing the blob-descriptor cache after GC makes it honest again.
type Steps = ScenarioInput['workload'][number][];

const before: Steps = [
  { push: { images: 2, layers: ['small', '1MiB'] } },
  // HEADs fill the blob-descriptor cache, as clients do before every push
  {
    commands: [
      { cmd: 'head', image: 0, layer: 0 },
      { cmd: 'head', image: 0, layer: 1 },
      { cmd: 'delete', image: 0 },
    ],
  },
  { fault: 'read-only' },
  // a dry run first, as the runbook does: it names the blobs and deletes none
  { commands: [{ cmd: 'gc', dryRun: true }, { cmd: 'gc' }] },
  { heal: 'read-only' },
];
const after: Steps = [
  {
    commands: [
      { cmd: 'head', image: 0, layer: 0 },
      { cmd: 'head', image: 0, layer: 1 },
      { cmd: 'pull', image: 1 },
    ],
  },
];

export default scenario({
  name: 'stale-cache-after-gc',
  symptom: 'after a delete and garbage collection, HEAD still answers 200 for blobs that are gone: Redis outlives GC',
  source: 'seed 003 (runbook: Redis is only a cache) and notes/swift-distribution-native.md, gotcha 6',
  topology: swiftStack(),
  workload: [...before, ...after],
  faults: { 'read-only': { kind: 'read-only' }, flush: { kind: 'cache-flush' } },
  expect: { violated: ['honest-errors'], holds: ['durability', 'integrity'] },
  variants: {
    mitigated: {
      description: 'the blob-descriptor cache flushed after GC: HEAD answers 404 for the collected blobs',
      workload: [...before, { fault: 'flush' }, ...after],
      expect: { violated: [], holds: ['honest-errors', 'durability', 'integrity'] },
    },
  },
});
