// PUT ?digest= on an open upload: the blob is complete; the value is the last byte it holds.
import fc from 'fast-check';
import { z } from 'zod';
import { sha256 } from '../../fixtures/image.ts';
import { command, opKind } from './op.ts';
import { FUZZ_INDEX, index } from './model.ts';

export const uploadCommit = opKind({
  name: 'upload-commit',
  args: z.object({ repo: z.string(), upload: z.number().int(), digest: z.string() }),
  value: z.object({ end: z.number().int() }),
  script: (a) => [String(a.upload)],
});

export default {
  kind: uploadCommit,
  commands: [
    command({
      name: 'upload-commit',
      about: 'commit an open upload with the digest of every byte patched (upload: among the open ones)',
      spec: z.object({ upload: index }).strict(),
      applies: (c, m) => (m.openUpload(c.upload)?.[1].data.length ?? 0) > 0,
      async run(c, m, ctx) {
        const [upload, u] = m.openUpload(c.upload)!;
        const digest = sha256(u.data);
        const done = await ctx.ops.run(uploadCommit, { repo: u.repo, upload, digest }, async (client) => {
          await client.commitUpload(ctx.locations[upload]!, digest);
          return { outcome: 'ok', value: { end: u.data.length - 1 } };
        });
        u.state = done.outcome === 'ok' ? 'committed' : 'broken';
      },
      fuzz: () => ({ weight: 2, arbitrary: fc.record({ upload: FUZZ_INDEX }) }),
    }),
  ],
};
