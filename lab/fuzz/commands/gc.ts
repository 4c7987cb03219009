// Run Distribution's garbage collector against the registry's storage; the op records the blobs it deleted
// (a dry run: the blobs it would delete, deleting none).
import type { Distribution } from '../../components/distribution.ts';
import type { Executor } from '../executor.ts';

/** The digests a garbage-collect run says it deletes ("blob eligible for deletion: sha256:…"). */
export function deletedBlobs(output: string): string[] {
  return [...new Set(output.split('\n').filter((l) => /eligible for deletion/.test(l)).flatMap((l) => l.match(/sha256:[0-9a-f]{64}/g) ?? []))];
}

export const gc: Executor<'gc'> = {
  applies: () => true,
  async run(c, _m, s) {
    // inside the op: a collector that fails (on an empty S3 bucket: "Path not found") ends the op, not the run
    await s.ops.run('gc', { dryRun: c.dryRun ?? false }, async () => {
      const blobs = deletedBlobs(await (s.stack.get('registry') as Distribution).garbageCollect(c.dryRun ?? false));
      return { outcome: 'ok', value: c.dryRun ? { wouldDelete: blobs } : { deleted: blobs } };
    });
  },
};
