import { s3Stack } from '../lab/scenario/presets.ts';
import { scenario } from '../lab/scenario/schema.ts';

// An overloaded or rate-limited S3 store answers 503 SlowDown. Here the s3-front (envoy's fault filter) answers
// half of the registry's PUTs that way, per request, while pushes go on. The registry's S3 driver retries each
// call (4 attempts, with backoff): most land on a later attempt and the push is acknowledged; a push whose
// request was refused every time must fail with an honest error. Either way nothing acknowledged may be lost.
// With every PUT refused, no retry can land: each push during the fault fails, and none is acknowledged.
export default scenario({
  name: 's3-503-slowdown',
  symptom: "a share of the registry's S3 PUTs answered 503 SlowDown: pushes retry or fail with an honest error, nothing acknowledged is lost",
  source: 'S3 and Ceph RGW answer 503 SlowDown when overloaded or rate-limited; the seed-000 stack (envoy before RGW) taking it',
  topology: s3Stack({ idleTimeoutMs: 2000 }),
  workload: [
    { push: { images: 2, layers: ['small', '1MiB'] } },
    { fault: 'slowdown' },
    { push: { images: 3, layers: ['small', '1MiB'] } },
    { heal: 'slowdown' },
    { push: { images: 1, layers: ['small', '1MiB'] } },
    { pull: 'all' },
  ],
  faults: { slowdown: { kind: 'http-fault', methods: ['PUT'], percent: 50, abort: 503 } },
  expect: { reproduced: ['s3-front-injected-503', 'registry-retried-503'], holds: ['durability', 'integrity', 'liveness'] },
  evidence: {
    's3-front-injected-503': {
      about: "while the fault was active, the s3-front answered a share of the registry's PUTs with 503 itself (flag FI: its fault filter)",
      events: { component: 's3-front', method: 'PUT', status: 503, flag: 'FI', during: 'slowdown' },
    },
    'registry-retried-503': {
      about: 'the registry retried S3 PUTs the s3-front answered 503, and a later attempt of the same request landed (2xx)',
      all: {
        refused: { events: { component: 's3-front', method: 'PUT', status: 503, flag: 'FI', during: 'slowdown' } },
        'landed later': {
          events: { component: 's3-front', method: 'PUT', status: '2xx', during: 'slowdown' },
          join: { with: 'refused', on: 'path', since: 'after' },
        },
      },
    },
    'push-5xx-during-fault': {
      about: 'a push during the fault ended with a 5xx',
      ops: { kind: 'push', outcome: ['fail', 'info'], status: '5xx', during: 'slowdown' },
    },
  },
  bounds: { push: 60_000, pull: 30_000 },
  variants: {
    'every-put': {
      description: 'every PUT answered 503: no retry lands, each push during the fault fails with a 5xx and none is acknowledged',
      faults: { slowdown: { kind: 'http-fault', methods: ['PUT'], percent: 100, abort: 503 } },
      expect: { reproduced: ['s3-front-injected-503', 'push-5xx-during-fault'], holds: ['durability', 'integrity', 'liveness'] },
    },
  },
});
