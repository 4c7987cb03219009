import { s3Stack } from '../lab/scenario/presets.ts';
import { scenario, type ScenarioInput } from '../lab/scenario/schema.ts';

// The registry's user had a fixed quota in production. Here it is set just above what the first images use,
// and runs out in the middle of the next push: the object store refuses the write (403 QuotaExceeded), the
// registry must answer the push with an error, and no image acknowledged before may be lost or corrupted.
// After the quota is raised, pushes work again. The mitigation: the quota raised before it runs out (an alert on usage).
const base: ScenarioInput['workload'] = [{ push: { images: 2, layers: ['small', '1MiB'] } }, { fault: 'quota' }];
const after: ScenarioInput['workload'] = [{ push: { images: 1, layers: ['small', '2MiB'] } }, { pull: 'all' }];

export default scenario({
  name: 'quota-exhausted',
  symptom:
    "the registry user's quota runs out in the middle of a push: the object store answers 403 QuotaExceeded; the push must fail, nothing acknowledged lost",
  source: 'seed 000 ("3T of apus quota allocated to the docker-registry user"; storage capacity as a known unknown)',
  topology: s3Stack({ idleTimeoutMs: 2000 }),
  // about 2.1 MiB are used after the first two images: 3 MiB leaves room for a layer of 1 MiB, not of 4 MiB
  faults: { quota: { kind: 'quota', maxBytes: 3 << 20 } },
  workload: [...base, { push: { images: 1, layers: ['small', '4MiB'] } }, { heal: 'quota' }, ...after],
  expect: { reproduced: ['quota-refused'], holds: ['durability', 'integrity'] },
  evidence: {
    'quota-refused': {
      about: 'with the quota set the object store refused a write (403) and the push failed; after it was raised a push worked',
      all: {
        refused: { events: { component: 'object-store', method: ['PUT', 'POST'], status: 403, during: 'quota' } },
        'push failed': { ops: { kind: 'push', outcome: ['fail', 'info'], during: 'quota' } },
        'push after': { ops: { kind: 'push', outcome: 'ok', after: 'quota' } },
      },
    },
  },
  bounds: { push: 60_000, pull: 30_000 },
  variants: {
    'raised-early': {
      description: 'the quota raised before the push that would exceed it: every push is acknowledged and pulls back',
      workload: [...base, { heal: 'quota' }, { push: { images: 1, layers: ['small', '4MiB'] } }, ...after],
      expect: { reproduced: [], holds: ['durability', 'integrity'] },
    },
  },
});
