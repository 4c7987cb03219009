// Pull an image back and hash every byte; a mismatch ends the op fail with the evidence in its value.
import fc from 'fast-check';
import { z } from 'zod';
import { FUZZ_INDEX, index, Model } from './model.ts';
import { command, opKind } from './op.ts';

/** A blob as pulled: actual is the sha256 of the bytes received (or how they were cut short). */
export const pulledBlob = z.object({ digest: z.string(), actual: z.string(), size: z.number() });

export const pull = opKind({
  name: 'pull',
  args: z.object({ repo: z.string(), tag: z.string() }),
  value: z.object({ digest: z.string(), blobs: z.array(pulledBlob) }),
  script: (a) => [a.repo, a.tag],
});

export default {
  kind: pull,
  commands: [
    command({
      name: 'pull',
      about: 'pull an image (manifest, config, layers) and hash every byte (image: its index among those pushed)',
      spec: z.object({ image: index }).strict(),
      applies: (_c, m) => m.images.length > 0,
      async run(c, m, ctx) {
        const image = Model.pick(m.images, c.image)!;
        await ctx.ops.run(pull, { repo: image.repo, tag: image.tag }, async (client) => {
          const r = await client.pullImage(image.repo, image.tag);
          const value = { digest: r.digest, blobs: r.blobs };
          return r.intact ? { outcome: 'ok', value } : { outcome: 'fail', value, error: 'bytes do not match their digest' };
        });
      },
      fuzz: () => ({ weight: 2, arbitrary: fc.record({ image: FUZZ_INDEX }) }),
    }),
  ],
};
