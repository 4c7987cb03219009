import { scenario, type ScenarioInput } from '../lab/scenario/schema.ts';

// Seed 000: the S3 backend replicates between two sites (Ceph RGW multisite), the registry is active/passive,
// and replication "can become messy", with no metrics to tell. Here zone za takes the pushes, zone zb pulls
// them through a faultable link; the link is cut, images are pushed, and the registry fails over to zb: the
// images pushed since the cut are not there. Once the link is back and zb has caught up, they are. zb's sync
// status is recorded as replication events. The mitigation: wait for zb to catch up before failing over.
const before: ScenarioInput['workload'] = [
  { push: { images: 2, layers: ['small', '1MiB'] } },
  { fault: 'synced' },
  { fault: 'sync-cut' },
  { push: { images: 3, layers: ['small', '1MiB'] } },
];

export default scenario({
  name: 'multisite-lag-failover',
  symptom: 'images acknowledged on one zone are missing on the other after a failover while sync lagged; they return once sync catches up',
  source: 'seed 000 (apus multisite: "replication can become messy", restarts to speed up lagging sync, active/passive DCs)',
  topology: {
    'registry-front': { product: 'nginx' },
    registry: { product: 'distribution', version: '2.8', storage: 's3', cache: 'redis' },
    'object-store': { product: 'ceph', multisite: true },
    cache: { product: 'redis' },
    links: { 'sync-link': { from: 'object-store:zb', to: 'object-store:za' } },
  },
  workload: [...before, { fault: 'failover' }, { pull: 'all' }, { heal: 'sync-cut' }, { fault: 'caught-up' }, { pull: 'all' }],
  faults: {
    synced: { kind: 'sync-wait' },
    'sync-cut': { kind: 'link-down', link: 'sync-link' },
    failover: { kind: 'zone-failover' },
    'caught-up': { kind: 'sync-wait' },
  },
  expect: { reproduced: ['lost-on-zone-failover'], holds: ['integrity'] },
  bounds: { push: 30_000, pull: 30_000 },
  variants: {
    'wait-for-sync': {
      description: 'the link healed and zb caught up before the failover: every acknowledged image pulls from zb',
      workload: [...before, { heal: 'sync-cut' }, { fault: 'caught-up' }, { fault: 'failover' }, { pull: 'all' }],
      expect: { reproduced: [], holds: ['durability', 'integrity'] },
    },
  },
});
