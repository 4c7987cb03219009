// HEAD one layer of an image in its repository.
import fc from 'fast-check';
import { z } from 'zod';
import { FUZZ_INDEX, index, Model } from './model.ts';
import { command, opKind } from './op.ts';

export const head = opKind({
  name: 'head',
  args: z.object({ repo: z.string(), tag: z.string(), digest: z.string() }),
  value: z.object({ exists: z.boolean() }),
  script: (a) => [a.repo, a.digest],
});

export default {
  kind: head,
  commands: [
    command({
      name: 'head',
      about: 'HEAD one layer of an image (image, layer: indices)',
      spec: z.object({ image: index, layer: index }).strict(),
      applies: (_c, m) => m.images.length > 0,
      async run(c, m, ctx) {
        const image = Model.pick(m.images, c.image)!;
        const layer = Model.pick(image.layers, c.layer)!;
        await ctx.ops.run(head, { repo: image.repo, tag: image.tag, digest: layer.digest }, async (client) => ({
          outcome: 'ok',
          value: { exists: await client.headBlob(image.repo, layer.digest) },
        }));
      },
      fuzz: () => ({ weight: 1, arbitrary: fc.record({ image: FUZZ_INDEX, layer: FUZZ_INDEX }) }),
    }),
  ],
};
