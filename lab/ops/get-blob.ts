// GET the blob a committed upload made, hashing every byte.
import fc from 'fast-check';
import { z } from 'zod';
import { sha256 } from '../../fixtures/image.ts';
import { command, opKind } from './op.ts';
import { FUZZ_INDEX, index } from './model.ts';
import { pulledBlob } from './pull.ts';

export const getBlob = opKind({ name: 'get-blob', args: z.object({ repo: z.string(), digest: z.string() }), value: z.object({ blobs: z.array(pulledBlob) }) });

export default {
  kind: getBlob,
  commands: [
    command({
      name: 'get-blob',
      about: 'GET the blob of a committed upload and hash every byte (upload: among the committed ones)',
      spec: z.object({ upload: index }).strict(),
      applies: (_c, m) => m.uploads.some((u) => u.state === 'committed'),
      async run(c, m, ctx) {
        const done = m.uploads.filter((u) => u.state === 'committed');
        const u = done[c.upload % done.length]!;
        const digest = sha256(u.data);
        await ctx.ops.run(getBlob, { repo: u.repo, digest }, async (client) => {
          const blob = await client.fetchBlob(u.repo, digest);
          return blob.actual === digest
            ? { outcome: 'ok', value: { blobs: [blob] } }
            : { outcome: 'fail', value: { blobs: [blob] }, error: 'bytes do not match their digest' };
        });
      },
      fuzz: () => ({ weight: 1, arbitrary: fc.record({ upload: FUZZ_INDEX }) }),
    }),
  ],
};
