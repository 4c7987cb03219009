// DELETE one layer of an image from its repository. Distribution answers 202, or 405 UNSUPPORTED when its
// deletes are disabled (a fail, with that status). Once the layer is gone, or may be (info), the images of that
// repository holding it may no longer pull.
import { z } from 'zod';
import { index, Model } from './model.ts';
import { command, opKind } from './op.ts';

export const deleteBlob = opKind({
  name: 'delete-blob',
  args: z.object({ repo: z.string(), tag: z.string(), digest: z.string() }),
  value: z.object({}),
});

/** What the model knows after a blob was deleted from a repository: its images holding that layer are not whole. */
export function blobDeleted(m: Model, repo: string, digest: string): void {
  for (const image of m.images) if (image.repo === repo && image.layers.some((l) => l.digest === digest)) image.state = 'deleted';
}

export default {
  kind: deleteBlob,
  commands: [
    command({
      name: 'delete-blob',
      about: "delete one layer of an image from the image's repository (image, layer: indices)",
      spec: z.object({ image: index, layer: index }).strict(),
      applies: (_c, m) => m.images.length > 0,
      async run(c, m, ctx) {
        const image = Model.pick(m.images, c.image)!;
        const layer = Model.pick(image.layers, c.layer)!;
        const done = await ctx.ops.run(deleteBlob, { repo: image.repo, tag: image.tag, digest: layer.digest }, async (client) => {
          await client.deleteBlob(image.repo, layer.digest);
          return { outcome: 'ok' };
        });
        if (done.outcome !== 'fail') blobDeleted(m, image.repo, layer.digest);
      },
    }),
  ],
};
