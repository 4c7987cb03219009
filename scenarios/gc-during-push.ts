import { scenario, type ScenarioInput } from '../lab/scenario/schema.ts';

// Garbage collection runs on the live registry while a push is in flight: the image's blobs are up, its
// manifest not yet. GC sees blobs no manifest references and deletes them; the manifest PUT that follows is
// refused (MANIFEST_BLOB_UNKNOWN), or accepted from the cache's descriptors, and the image does not pull.
// The mitigation the documentation asks for: GC only in read-only mode, where the push's manifest is refused
// honestly and the push, retried after GC, lands whole.
type Steps = ScenarioInput['workload'];

const base: Steps = [{ push: { images: 1, layers: ['small', '1MiB'] } }];

export default scenario({
  name: 'gc-during-push',
  symptom: 'garbage collection during a push deletes the blobs of the image being pushed; that image does not pull',
  source: 'seeds 001/002 (registry maintenance: garbage collection on a live registry)',
  topology: {
    'registry-front': { product: 'nginx' },
    registry: { product: 'distribution', version: '2.8', storage: 'filesystem', cache: 'redis' },
    cache: { product: 'redis' },
  },
  workload: [...base, { commands: [{ cmd: 'push-blobs', layers: ['small', '1MiB'] }, { cmd: 'gc' }, { cmd: 'push-manifest', image: 0 }] }, { pull: 'all' }],
  faults: { 'read-only': { kind: 'read-only' } },
  expect: { reproduced: ['gc-deleted-in-flight'] },
  variants: {
    'read-only': {
      description: 'GC only in read-only mode: the in-flight push is refused, retried after GC, and every acknowledged image pulls',
      workload: [
        ...base,
        { commands: [{ cmd: 'push-blobs', layers: ['small', '1MiB'] }] },
        { fault: 'read-only' },
        { commands: [{ cmd: 'push-manifest', image: 0 }, { cmd: 'gc' }] },
        { heal: 'read-only' },
        // the client retries the refused push whole
        { push: { images: 1, layers: ['small', '1MiB'] } },
        { pull: 'all' },
      ],
      expect: { reproduced: [], holds: ['durability', 'integrity'] },
    },
  },
});
