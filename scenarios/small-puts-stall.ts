import { s3Stack } from '../lab/scenario/presets.ts';
import { scenario } from '../lab/scenario/schema.ts';

// What production saw: after a while, only requests carrying small files stall; the object store keeps taking
// other requests, large PUTs from the registry included. The s3-front routes PUTs by size: small ones (under
// 1 MB) through the faultable link, large ones straight to the object store. An upload starts, the link stalls,
// 12 MiB of layer go up: a 5 MiB part lands, the small hash state behind it stalls (and the PATCH still gets 202); a push of large and small
// layers fails with 500 on its first small file. The mitigation: send small writes around the sick path (as taking
// the stalled frontends out of rotation did): pushes of every size go through during the same fault.

export default scenario({
  name: 'small-puts-stall',
  symptom: 'only PUTs of small files stall (504 at the S3 front, never seen by the object store); large layers land; the push fails with 500',
  source: 'seed 000 ("a docker push including small files fail with 500s"; RGWs kept handling other PUTs)',
  topology: s3Stack({ idleTimeoutMs: 500, writesVia: 'rgw-link', writeMethods: ['PUT'], writesBelowBytes: 1_000_000 }),
  workload: [
    { push: { images: 2, layers: ['small', '2MiB'] } },
    { commands: [{ cmd: 'upload-start' }] },
    { fault: 'small-puts-stall' },
    { commands: [{ cmd: 'upload-patch', upload: 0, bytes: 12 << 20 }] },
    { push: { images: 1, layers: ['8MiB', 'small'] } },
    { heal: 'small-puts-stall' },
    { push: { images: 1, layers: ['8MiB', 'small'] } },
    { pull: 'all' },
  ],
  faults: {
    'small-puts-stall': { kind: 'toxic', link: 'rgw-link', toxic: 'timeout', stream: 'upstream', attributes: { timeout: 0 } },
  },
  expect: {
    reproduced: ['small-writes-stall', 'push-5xx-during-fault', 'object-store-silent'],
    holds: ['durability', 'integrity', 'liveness'],
  },
  evidence: {
    'small-writes-stall': {
      about: "during the stall the s3-front's small PUTs (through the link) end 504 while large PUTs land direct, and an op fails 5xx",
      all: {
        'small stalled': { events: { component: 's3-front', method: 'PUT', upstream: '^link( |$)', status: 504, during: 'small-puts-stall' } },
        'large landed': { events: { component: 's3-front', method: 'PUT', upstream: '^direct( |$)', status: '2xx', during: 'small-puts-stall' } },
        'op failed': { ops: { outcome: ['fail', 'info'], status: '5xx', during: 'small-puts-stall' } },
      },
    },
    'push-5xx-during-fault': {
      about: 'a push of large and small layers during the stall ended with a 5xx',
      ops: { kind: 'push', outcome: ['fail', 'info'], status: '5xx', during: 'small-puts-stall' },
    },
    'object-store-silent': {
      about: 'the object store logged no request for the small PUTs the s3-front timed out on',
      all: {
        'timed out': { events: { component: 's3-front', method: 'PUT', status: 504 } },
        'object store saw': { events: { component: 'object-store' }, join: { with: 'timed out', on: 'path', since: 'start' }, count: { max: 0 } },
      },
    },
  },
  bounds: { push: 60_000, pull: 30_000, 'upload-patch': 60_000 },
  variants: {
    'direct-writes': {
      description: 'small writes sent around the stalled path: during the same fault, pushes of small and large layers succeed',
      topology: { 's3-front': { product: 'envoy', idleTimeoutMs: 500 } },
      expect: { reproduced: [], holds: ['durability', 'integrity', 'liveness'] },
    },
  },
});
