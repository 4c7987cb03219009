// PATCH a chunk of seeded bytes onto an open upload; the value is the last byte the registry acknowledged.
import fc from 'fast-check';
import { z } from 'zod';
import { seededBytes } from '../../fixtures/image.ts';
import { command, opKind } from './op.ts';
import { FUZZ_INDEX, index } from './model.ts';

export const uploadPatch = opKind({
  name: 'upload-patch',
  args: z.object({ repo: z.string(), upload: z.number().int(), offset: z.number().int(), bytes: z.number().int() }),
  value: z.object({ end: z.number().int() }),
  script: (a) => [String(a.upload), String(a.offset), String(a.bytes)],
});

export default {
  kind: uploadPatch,
  commands: [
    command({
      name: 'upload-patch',
      about: 'PATCH `bytes` seeded bytes onto an open upload (upload: among the open ones)',
      spec: z
        .object({
          upload: index,
          bytes: z
            .number()
            .int()
            .positive()
            .max(64 << 20)
            .describe('bytes of random data sent in this PATCH'),
        })
        .strict(),
      applies: (c, m) => m.openUpload(c.upload) !== undefined,
      async run(c, m, ctx) {
        const [upload, u] = m.openUpload(c.upload)!;
        const chunk = seededBytes(`${ctx.seed}:${u.repo}:${u.data.length}`, c.bytes);
        const offset = u.data.length;
        u.data = Buffer.concat([u.data, chunk]);
        const done = await ctx.ops.run(uploadPatch, { repo: u.repo, upload, offset, bytes: c.bytes }, async (client) => {
          const r = await client.patchUpload(ctx.locations[upload]!, chunk, offset);
          ctx.locations[upload] = r.location;
          u.acked = r.end;
          return { outcome: 'ok', value: { end: r.end } };
        });
        if (done.outcome !== 'ok') u.state = 'broken';
      },
      // small PATCHes, and now and then a whole 5 MiB segment (an S3 multipart part; a Swift segment)
      fuzz: () => ({
        weight: 5,
        arbitrary: fc.record({
          upload: FUZZ_INDEX,
          bytes: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(100, 300, 4096, 65536) }, { weight: 1, arbitrary: fc.constant(5 << 20) }),
        }),
      }),
    }),
  ],
};
