import { s3Stack } from '../lab/scenario/presets.ts';
import { scenario, type ScenarioInput } from '../lab/scenario/schema.ts';

// Seed 000's plan: flip the registry path to a registry on a new S3 bucket. The new bucket is empty, so until
// a deployment pushes images again, pulls of everything pushed before the switch fail (404), and there is
// nothing to roll back to. The mitigation the seed raised: copy the images into the new bucket before the
// switch; then pulls hold through it.
const before: ScenarioInput['workload'] = [{ push: { images: 3, layers: ['small', '1MiB'] } }, { pull: 'all' }];
const after: ScenarioInput['workload'] = [{ fault: 'switch' }, { pull: 'all' }, { push: { images: 1, layers: ['small', '1MiB'] } }, { pull: 'all' }];

export default scenario({
  name: 'backend-switch-empty',
  symptom: 'after the switch to a new, empty bucket, pulls of every image pushed before fail with 404 until it is pushed again',
  source: 'seed 000 ("the new registry instance will point to an empty s3 bucket … nothing to rollback to")',
  topology: s3Stack({ idleTimeoutMs: 2000 }),
  workload: [...before, ...after],
  faults: { switch: { kind: 'bucket-switch', bucket: 'registry-restricted' } },
  expect: { reproduced: ['empty-after-switch'], holds: ['integrity'] },
  evidence: {
    'empty-after-switch': {
      about: 'after the switch to another bucket, pulls of images acknowledged before get 404; images pushed after pull',
      all: {
        'acknowledged before': { ops: { kind: 'push', outcome: 'ok', before: 'switch' } },
        'gone after': {
          ops: { kind: 'pull', outcome: 'fail', status: 404, during: 'switch' },
          join: { with: 'acknowledged before', on: 'image' },
        },
        'pushed after': { ops: { kind: 'push', outcome: 'ok', during: 'switch' } },
        'pulled after': { ops: { kind: 'pull', during: 'switch' }, join: { with: 'pushed after', on: 'image', since: 'after' }, every: { outcome: 'ok' } },
      },
    },
  },
  variants: {
    copied: {
      description: 'the images copied into the new bucket before the switch: every pull holds through it',
      workload: [...before, { fault: 'copy' }, ...after],
      faults: { copy: { kind: 'bucket-copy', bucket: 'registry-restricted' }, switch: { kind: 'bucket-switch', bucket: 'registry-restricted' } },
      expect: { reproduced: [], holds: ['durability', 'integrity'] },
    },
  },
});
