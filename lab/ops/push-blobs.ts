// The first half of a push: config and layers uploaded, the manifest not yet (a push in flight, for
// something to happen in between; push-manifest finishes it).
import fc from 'fast-check';
import { z } from 'zod';
import { layerSpec } from './layer-spec.ts';
import { command, opKind } from './op.ts';
import { FUZZ_LAYERS, FUZZ_UPLOADS, generated, nextImage, uploads } from './push.ts';

export const pushBlobs = opKind({
  name: 'push-blobs',
  args: z.object({ repo: z.string(), tag: z.string(), blobs: z.array(z.string()), uploads: z.number().optional(), image: generated.optional() }),
  value: z.object({}),
  script: (a) => [a.repo, String(a.uploads ?? 1), ...a.blobs],
});

export default {
  kind: pushBlobs,
  commands: [
    command({
      name: 'push-blobs',
      about: 'the blobs of a generated image, not its manifest (a push in flight)',
      spec: z.object({ layers: z.array(layerSpec).min(1).max(4).describe('the layers uploaded; the manifest is left for push-manifest'), uploads }).strict(),
      applies: () => true,
      async run(c, m, ctx) {
        const { image, repo, tag, generated } = nextImage(m, ctx, c.layers);
        const blobs = [image.config, ...image.layers];
        const args = { repo, tag, blobs: blobs.map((b) => b.digest), uploads: c.uploads, image: generated };
        const done = await ctx.ops.run(pushBlobs, args, async (client) => {
          await client.pushBlobs(repo, blobs, { uploads: c.uploads });
          return { outcome: 'ok' };
        });
        m.images.push({ repo, tag, digest: image.manifest.digest, layers: image.layers, state: done.outcome === 'ok' ? 'in-flight' : 'failed', image });
      },
      fuzz: () => ({ weight: 1, arbitrary: fc.record({ layers: fc.array(FUZZ_LAYERS, { minLength: 1, maxLength: 3 }), uploads: FUZZ_UPLOADS }), opens: 1 }),
    }),
  ],
};
