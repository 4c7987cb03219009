// Delete an image's manifest by digest.
import fc from 'fast-check';
import { z } from 'zod';
import { FUZZ_INDEX, index, Model } from './model.ts';
import { command, opKind } from './op.ts';

export const del = opKind({
  name: 'delete',
  args: z.object({ repo: z.string(), tag: z.string(), digest: z.string() }),
  value: z.object({}),
  script: (a) => [a.repo, a.digest],
});

export default {
  kind: del,
  commands: [
    command({
      name: 'delete',
      about: "delete an image's manifest by digest",
      spec: z.object({ image: index }).strict(),
      applies: (_c, m) => m.images.length > 0,
      async run(c, m, ctx) {
        const image = Model.pick(m.images, c.image)!;
        const done = await ctx.ops.run(del, { repo: image.repo, tag: image.tag, digest: image.digest }, async (client) => {
          await client.deleteManifest(image.repo, image.digest);
          return { outcome: 'ok' };
        });
        if (done.outcome !== 'fail') image.state = 'deleted';
      },
      fuzz: () => ({ weight: 1, arbitrary: fc.record({ image: FUZZ_INDEX }) }),
    }),
  ],
};
