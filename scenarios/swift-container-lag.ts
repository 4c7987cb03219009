import { swiftStack } from '../lab/scenario/presets.ts';
import { scenario, type ScenarioInput } from '../lab/scenario/schema.ts';

// A large layer is pushed to Swift in 5 MiB segments while one container replica is unreachable for a couple
// of segments. The object servers save those listing updates for later (async pendings); until the
// object-updater runs, the replica's listing lacks the segments. The registry reads it at random: the push
// fails with BLOB_UPLOAD_INVALID, or it is acknowledged and later reads get a short blob. This is what the
// deploy tool's "wait 300 seconds for swift" waited for (the object-updater's interval is 300 s).
type Commands = Extract<ScenarioInput['workload'][number], { commands: unknown }>['commands'];
const segment = { cmd: 'upload-patch', upload: 0, bytes: 5 << 20 } as const;
const upload: Commands = [{ cmd: 'upload-start' }, segment, { cmd: 'fault', fault: 'c3-down' }, segment, segment, { cmd: 'heal', fault: 'c3-down' }, segment];
const reads: Commands = [{ cmd: 'upload-commit', upload: 0 }, ...Array.from({ length: 16 }, () => ({ cmd: 'get-blob', upload: 0 }) as const)];

export default scenario({
  name: 'swift-container-lag',
  symptom: 'a container replica cut for two segments of a push: the push fails (BLOB_UPLOAD_INVALID, DIGEST_INVALID), or reads of the blob come back short',
  source: 'seed 000 ("Waiting 300 seconds for swift", T390251); notes/swift-eventual-consistency.md, experiment A',
  topology: swiftStack({ 'c3-link': { from: 'object-store', to: 'object-store:c3' } }),
  workload: [{ commands: [...upload, ...reads] }],
  faults: {
    'c3-down': { kind: 'link-down', link: 'c3-link' },
    update: { kind: 'daemon-pass', daemon: 'object-updater' },
    flush: { kind: 'cache-flush' },
  },
  expect: { reproduced: ['stale-container-listing'] },
  evidence: {
    'stale-container-listing': {
      about: 'after the container replica was cut, the commit fails BLOB_UPLOAD_INVALID/DIGEST_INVALID, or reads of the blob come back wrong',
      any: {
        'commit refused': { ops: { kind: 'upload-commit', outcome: 'fail', error: 'BLOB_UPLOAD_INVALID|DIGEST_INVALID', after: 'c3-down' } },
        'read back wrong': { ops: { intact: false, after: 'c3-down' } },
      },
    },
  },
  variants: {
    mitigated: {
      description: 'one object-updater pass (what the 300 s wait waited for) and a cache flush before the commit and the reads',
      workload: [{ commands: [...upload, { cmd: 'fault', fault: 'update' }, { cmd: 'fault', fault: 'flush' }, ...reads] }],
      expect: { reproduced: [], holds: ['integrity', 'honest-errors'] },
    },
  },
});
