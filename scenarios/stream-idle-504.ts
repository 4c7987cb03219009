import { s3Stack } from '../lab/scenario/presets.ts';
import { scenario } from '../lab/scenario/schema.ts';

// Distribution stores blobs in Ceph RGW through its S3 driver, with a front (envoy) before RGW. After a while,
// pushes with small layers fail with HTTP 500: the registry's S3 PUT gets no answer, the front gives up with
// 504 (stream idle timeout, flag SI), RGW has no trace of the request. Reads keep working. Removing the stall
// makes pushes work again.
export default scenario({
  name: 'stream-idle-504',
  symptom: 'pushes fail with 500; the S3 front logs 504 stream idle timeouts (SI) for PUTs that RGW never saw',
  source: 'seed 000: /restricted moved to Ceph (apus), rolled back after pushes of small files stalled',
  topology: s3Stack({ idleTimeoutMs: 500, writesVia: 'rgw-link', writeMethods: ['PUT'] }),
  workload: [
    { push: { images: 3, layers: ['small', '1MiB'] } },
    { fault: 'rgw-stall' },
    { push: { images: 1, layers: ['small'] } },
    { heal: 'rgw-stall' },
    { push: { images: 1, layers: ['small', '256KiB'], chunked: true } },
    { pull: 'all' },
  ],
  faults: {
    // the request bytes reach the proxy and go no further: RGW never sees them, nothing ever answers
    'rgw-stall': { kind: 'toxic', link: 'rgw-link', toxic: 'timeout', stream: 'upstream', attributes: { timeout: 0 } },
  },
  expect: {
    reproduced: ['push-5xx-during-fault', 's3-front-idle-timeout-504', 'object-store-silent'],
    holds: ['durability', 'integrity', 'liveness'],
  },
  evidence: {
    'push-5xx-during-fault': {
      about: "a push during the stall ended with a 5xx, and the registry's log says why (its 500 hides the S3 error)",
      all: {
        push: { ops: { kind: 'push', outcome: ['fail', 'info'], status: '5xx', during: 'rgw-stall' } },
        'registry said': { events: { type: 'component.log', component: 'registry', line: 'completed with error', during: 'rgw-stall' } },
      },
    },
    's3-front-idle-timeout-504': {
      about: 'the s3-front answered 504 for a PUT the object store never answered (envoy: flag SI, stream idle timeout)',
      events: [
        { component: 's3-front', product: 'envoy', method: 'PUT', status: 504, flag: 'SI' },
        { component: 's3-front', product: 'nginx', method: 'PUT', status: 504 },
      ],
    },
    'object-store-silent': {
      about: 'the object store logged no request for the paths the s3-front timed out on, from the moment they were sent',
      events: { component: 'object-store' },
      join: { with: 's3-front-idle-timeout-504', on: 'path', since: 'start' },
      count: { max: 0 },
    },
  },
  bounds: { push: 60_000, pull: 30_000 },
  variants: {
    'nginx-front': {
      description: 'nginx instead of envoy as the s3-front (proxy_read_timeout gives the 504; no response flags)',
      topology: { 's3-front': { product: 'nginx', idleTimeoutMs: 500, writesVia: 'rgw-link', writeMethods: ['PUT'] } },
    },
  },
});
