import { s3Stack } from '../lab/scenario/presets.ts';
import { scenario } from '../lab/scenario/schema.ts';

// The first symptom in the seed: pushes from the build nodes hang indefinitely. Nothing in the path has an
// idle timeout (envoy's stream idle timeout off; the registry's S3 client waits forever), so a PUT the object
// store never answers holds the push until the client gives up (here at twice its bound). The liveness checker
// flags it. The mitigation: an idle timeout at the s3-front turns the hang into a fast, honest 500.
export default scenario({
  name: 'push-hangs',
  symptom: 'pushes hang with no answer while the object store stalls: nothing in the path has an idle timeout',
  source: 'seed 000 ("docker push actions from build nodes were hanging indefinitely")',
  topology: s3Stack({ idleTimeoutMs: 0, writesVia: 'rgw-link', writeMethods: ['PUT'] }),
  workload: [
    { push: { images: 2, layers: ['small', '1MiB'] } },
    { fault: 'rgw-stall' },
    { push: { images: 1, layers: ['small'] } },
    { heal: 'rgw-stall' },
    { push: { images: 1, layers: ['small', '1MiB'] } },
    { pull: 'all' },
  ],
  faults: { 'rgw-stall': { kind: 'toxic', link: 'rgw-link', toxic: 'timeout', stream: 'upstream', attributes: { timeout: 0 } } },
  expect: { violated: ['liveness'], holds: ['durability', 'integrity'] },
  // a push that has not answered in 12 s counts as hung; the client gives up at 24 s
  bounds: { push: 12_000, pull: 12_000 },
  variants: {
    'idle-timeout': {
      description: 'a 500 ms stream idle timeout at the s3-front: the stalled push fails fast with 500, every op within its bound',
      topology: { 's3-front': { product: 'envoy', idleTimeoutMs: 500, writesVia: 'rgw-link', writeMethods: ['PUT'] } },
      expect: { reproduced: [], holds: ['liveness', 'durability', 'integrity'] },
    },
  },
});
