// Run the registry's garbage collector against its storage; the op records the blobs it deleted (a dry run:
// the blobs it would delete, deleting none). Each run's whole output is kept in the run's
// logs/registry-gc-<n>.log, which a failed op's error names.
import fc from 'fast-check';
import { z } from 'zod';
import { GARBAGE_COLLECT } from '../products/capabilities.ts';
import { command, opKind } from './op.ts';

/** The digests a garbage-collect run says it deletes ("blob eligible for deletion: sha256:…"). */
function deletedBlobs(output: string): string[] {
  return [
    ...new Set(
      output
        .split('\n')
        .filter((l) => /eligible for deletion/.test(l))
        .flatMap((l) => l.match(/sha256:[0-9a-f]{64}/g) ?? []),
    ),
  ];
}

export const gc = opKind({
  name: 'gc',
  args: z.object({ dryRun: z.boolean() }),
  value: z.object({ deleted: z.array(z.string()).optional(), wouldDelete: z.array(z.string()).optional() }),
  script: (a) => [String(a.dryRun)],
});

export default {
  kind: gc,
  commands: [
    command({
      name: 'gc',
      about: "garbage-collect the registry's storage (dryRun: only report what it would delete)",
      spec: z.object({ dryRun: z.boolean().optional().describe('only report what it would delete') }).strict(),
      applies: () => true,
      async run(c, _m, ctx) {
        // inside the op: a collector that fails (on an empty S3 bucket: "Path not found") ends the op, not the run
        await ctx.ops.run(gc, { dryRun: c.dryRun ?? false }, async () => {
          const blobs = deletedBlobs(await ctx.stack.capable('registry', GARBAGE_COLLECT).garbageCollect(c.dryRun ?? false));
          return { outcome: 'ok', value: c.dryRun ? { wouldDelete: blobs } : { deleted: blobs } };
        });
      },
      fuzz: () => ({ weight: 1, arbitrary: fc.constant({}) }),
    }),
  ],
};
