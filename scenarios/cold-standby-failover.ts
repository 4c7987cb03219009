import { scenario, type ScenarioInput } from '../lab/scenario/schema.ts';

// The Toolforge registry pair: images are pushed to the active server only; the standby copies its disk with
// rsync every 10 minutes (3 s here). The failover points the name at the standby. Whatever was acknowledged
// after the last completed rsync is gone. The failover lands at a moment picked from the seed while pushes go
// on; the loss-window checker holds when exactly the pushes acknowledged after that sync are missing.
const pushes: ScenarioInput['workload'][number] = { push: { images: 200, layers: ['small', '64KiB'] } };

export default scenario({
  name: 'cold-standby-failover',
  symptom: 'after a failover to the rsync-fed standby, images acknowledged since its last sync are gone (pulls 404)',
  source: 'seed 002 (Toolforge docker registry: active/standby pair, rsync every 10 minutes, failover by DNS)',
  topology: {
    'registry-front': { product: 'nginx' },
    registry: { product: 'distribution', version: '2.8', storage: 'filesystem' },
    standby: { product: 'distribution', version: '2.8', storage: 'filesystem' },
    'standby-sync': { product: 'rsync', everyMs: 3000 },
  },
  workload: [{ concurrently: [[pushes], [{ wait: { between: [3500, 6500] } }, { fault: 'failover' }]] }, { pull: 'all' }],
  faults: { failover: { kind: 'failover' } },
  expect: { reproduced: ['lost-on-failover'], holds: ['loss-window', 'integrity'] },
  variants: {
    planned: {
      description:
        'a planned failover: the active set read-only (pushes refused with 405), one last rsync pass, then the switch; nothing acknowledged is lost and the standby takes pushes',
      workload: [
        {
          concurrently: [
            [pushes],
            [
              { wait: { between: [3500, 6500] } },
              { fault: 'read-only' },
              { fault: 'final-sync' },
              { fault: 'failover' },
              { push: { images: 5, layers: ['small', '64KiB'] } },
            ],
          ],
        },
        { pull: 'all' },
      ],
      faults: { 'read-only': { kind: 'read-only' }, 'final-sync': { kind: 'sync-pass' }, failover: { kind: 'failover' } },
      expect: { reproduced: [], holds: ['durability', 'integrity', 'loss-window'] },
    },
  },
});
