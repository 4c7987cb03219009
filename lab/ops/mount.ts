// Mount one layer of an image into a new repository of the case (cross-repository mount).
import fc from 'fast-check';
import { z } from 'zod';
import { FUZZ_INDEX, index, Model } from './model.ts';
import { command, opKind } from './op.ts';

export const mount = opKind({
  name: 'mount',
  args: z.object({ repo: z.string(), from: z.string(), digest: z.string() }),
  value: z.object({ mounted: z.boolean() }),
});

export default {
  kind: mount,
  commands: [
    command({
      name: 'mount',
      about: 'mount one layer of an image into a new repository (cross-repository mount)',
      spec: z.object({ image: index, layer: index }).strict(),
      applies: (_c, m) => m.images.length > 0,
      async run(c, m, ctx) {
        const image = Model.pick(m.images, c.image)!;
        const layer = Model.pick(image.layers, c.layer)!;
        const repo = `${m.ns}/mount-${m.mounts++}`;
        await ctx.ops.run(mount, { repo, from: image.repo, digest: layer.digest }, async (client) => ({
          outcome: 'ok',
          value: { mounted: await client.mountBlob(repo, layer.digest, image.repo) },
        }));
      },
      fuzz: () => ({ weight: 1, arbitrary: fc.record({ image: FUZZ_INDEX, layer: FUZZ_INDEX }) }),
    }),
  ],
};
