import { scenario } from '../lab/scenario/schema.ts';

// Two registries on one storage behind a load balancer: every push fails with "blob upload unknown", though
// each registry alone works. Distribution signs an upload's state (its Location) with http.secret; the next
// request of the upload goes to the other registry, which cannot verify it and refuses the upload. With no
// http.secret configured each registry generates its own at start ("This may cause problems with uploads if
// multiple registries are behind a load-balancer"). The fix: the same http.secret on every registry.
export default scenario({
  name: 'replicas-upload-unknown',
  symptom: 'two registries behind a round-robin load balancer: pushes fail with "blob upload unknown" (404) halfway through an upload',
  source:
    'distribution/distribution#1576 (two registries behind an ELB: "blob upload unknown"); #1599 (with different http.secret "the second and subsequent upload will fail")',
  topology: {
    'registry-front': { product: 'nginx' },
    registry: { product: 'distribution', version: '2.8', storage: 'filesystem', replicas: 2, secret: 'per-replica' },
  },
  workload: [{ push: { images: 2, layers: ['small', '256KiB'], chunked: true } }, { pull: 'all' }],
  evidence: {
    'push-upload-unknown': {
      about: 'pushes failed with 404 and an upload error: the registry did not know the upload another one had started',
      ops: { kind: 'push', outcome: 'fail', status: 404, error: 'BLOB_UPLOAD_(UNKNOWN|INVALID)' },
      count: { min: 2 },
    },
    'started-on-one-refused-by-the-other': {
      about: 'the front sent the upload’s POST to one replica (202) and its next request to the other, which answered 404',
      all: {
        'started on r1': { events: { component: 'registry-front', method: 'POST', path: '/blobs/uploads/$', upstream: '^registry:r1 ', status: 202 } },
        'refused by r2': {
          events: { component: 'registry-front', method: ['PATCH', 'PUT'], path: '/blobs/uploads/.', upstream: '^registry:r2 ', status: 404 },
        },
      },
    },
  },
  // no push is acknowledged, so durability and integrity have nothing to judge: only liveness is held
  expect: { reproduced: ['push-upload-unknown', 'started-on-one-refused-by-the-other'], holds: ['liveness'] },
  bounds: { push: 20_000, pull: 10_000 },
  variants: {
    'shared-secret': {
      description: 'the same http.secret on both replicas: every push is acknowledged, its upload spread over both, and pulls back',
      topology: { registry: { product: 'distribution', version: '2.8', storage: 'filesystem', replicas: 2, secret: 'shared' } },
      evidence: {
        'spread-over-both': {
          about: 'the uploads went to both replicas, and both answered them',
          all: {
            r1: { events: { component: 'registry-front', path: '/blobs/uploads/', upstream: '^registry:r1 ', status: '2xx' } },
            r2: { events: { component: 'registry-front', path: '/blobs/uploads/', upstream: '^registry:r2 ', status: '2xx' } },
          },
        },
      },
      expect: { reproduced: [], holds: ['spread-over-both', 'durability', 'integrity', 'liveness'] },
    },
  },
});
