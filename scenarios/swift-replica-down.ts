import { swiftStack } from '../lab/scenario/presets.ts';
import { scenario } from '../lab/scenario/schema.ts';

// Distribution stores blobs in Swift (three replicas). One object server is unreachable for a whole push. The
// push is acknowledged, but the container listing that server should have updated never learns of the
// segments (no async pending is written), so a pull that reads that replica gets 200 with no bytes: the swift
// driver turns Swift's 416 into an empty body. Only the container-replicator brings the listing back.
const pulls = Array.from({ length: 6 }, () => ({ pull: 'all' as const }));

export default scenario({
  name: 'swift-replica-down',
  symptom: 'an object replica down for a whole push: the push succeeds, then pulls get 200 with no bytes until the container-replicator runs',
  source: 'seeds 000/004 (Swift inconsistencies behind "wait 300 seconds for swift"); notes/swift-eventual-consistency.md, experiment B',
  topology: swiftStack({ 'o3-link': { from: 'object-store', to: 'object-store:o3' } }),
  workload: [{ fault: 'o3-down' }, { push: { images: 1, layers: ['small', '12MiB'] } }, { heal: 'o3-down' }, ...pulls],
  faults: {
    'o3-down': { kind: 'link-down', link: 'o3-link' },
    replicate: { kind: 'daemon-pass', daemon: 'container-replicator' },
  },
  expect: { reproduced: ['container-listing-missed'], violated: ['integrity'] },
  variants: {
    mitigated: {
      description: 'one container-replicator pass after the replica is back, before pulling: every pull is intact',
      workload: [{ fault: 'o3-down' }, { push: { images: 1, layers: ['small', '12MiB'] } }, { heal: 'o3-down' }, { fault: 'replicate' }, ...pulls],
      expect: { reproduced: [], violated: [], holds: ['durability', 'integrity', 'read-your-writes'] },
    },
  },
});
