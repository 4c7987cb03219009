// Push a generated image (seeded from the run, the case and its number) to a new repository of the case:
// whole, or only its manifest once `push-blobs` has put its blobs (the op that acknowledges a push in flight).
import fc from 'fast-check';
import { z } from 'zod';
import { generateImage, type LayerSpec } from '../../fixtures/image.ts';
import type { OpContext } from './context.ts';
import { layerSpec } from './layer-spec.ts';
import { type ImageState, index, type Model } from './model.ts';
import { command, opKind } from './op.ts';

/** How a pushed image was generated (so that an export can write it again): its seed key and layer specs. */
export const generated = z.object({ key: z.string(), layers: z.array(z.string()) });

export const push = opKind({
  name: 'push',
  args: z.object({
    repo: z.string(),
    tag: z.string(),
    digest: z.string(),
    layers: z.array(z.number()).optional(),
    chunked: z.boolean().optional(),
    uploads: z.number().optional(),
    manifestOnly: z.boolean().optional(),
    image: generated.optional(),
  }),
  value: z.object({ digest: z.string() }),
  script: (a) => [a.repo, a.tag, a.digest, String(a.chunked ?? false), String(a.manifestOnly ?? false), String(a.uploads ?? 1)],
});

/** The layers the fuzzer's images are made of: a chunked upload of the largest is four PATCHes (each of which
 * Distribution's S3 driver follows by reading back what the store holds of the upload). */
export const FUZZ_LAYERS = fc.constantFrom('small', '100B', '4KiB', '64KiB', '256KiB');

/** How many blobs the fuzzer's pushes upload at once: docker's default max-concurrent-uploads. */
export const FUZZ_UPLOADS = fc.constant(3);

export const uploads = z.number().int().min(1).max(8).default(1).describe("blobs uploaded at once (docker's max-concurrent-uploads is 3)");

/** The next image of the case: its repository and its blobs, the same for the same seed and place. */
export function nextImage(m: Model, ctx: OpContext, layers: readonly string[]) {
  const n = m.images.length;
  const key = `${ctx.seed}:${m.ns}:${n}`;
  const image = generateImage(key, layers as LayerSpec[]);
  return { image, repo: `${m.ns}/image-${n}`, tag: 'v1', generated: { key, layers: [...layers] } };
}

const stateOf = (outcome: string): ImageState['state'] => (outcome === 'ok' ? 'acked' : outcome === 'info' ? 'unknown' : 'failed');

const pushCommand = command({
  name: 'push',
  about: 'push a generated image (config and layers, then the manifest) to a new repository; chunked: PATCH in 64 KiB chunks',
  spec: z
    .object({
      layers: z.array(layerSpec).min(1).max(4).describe('the layers of the image pushed'),
      chunked: z.boolean().default(false).describe('each blob in PATCHes of 64 KiB, then an empty PUT, instead of one PUT'),
      uploads,
    })
    .strict(),
  applies: () => true,
  async run(c, m, ctx) {
    const { image, repo, tag, generated } = nextImage(m, ctx, c.layers);
    const layers = image.layers.map((l) => l.size);
    const args = { repo, tag, digest: image.manifest.digest, layers, chunked: c.chunked, uploads: c.uploads, image: generated };
    const done = await ctx.ops.run(push, args, async (client) => ({
      outcome: 'ok',
      value: { digest: await client.pushImage(repo, tag, image, { uploads: c.uploads, ...(c.chunked && { chunkSize: 64 * 1024 }) }) },
    }));
    m.images.push({ repo, tag, digest: image.manifest.digest, layers: image.layers, state: stateOf(done.outcome) });
  },
  fuzz: () => ({
    weight: 3,
    arbitrary: fc.record({ layers: fc.array(FUZZ_LAYERS, { minLength: 1, maxLength: 3 }), chunked: fc.boolean(), uploads: FUZZ_UPLOADS }),
    opens: 1,
  }),
});

const pushManifest = command({
  name: 'push-manifest',
  about: 'the manifest of an image whose blobs push-blobs put (image: among those in flight)',
  spec: z.object({ image: index }).strict(),
  applies: (_c, m) => m.images.some((i) => i.state === 'in-flight'),
  async run(c, m, ctx) {
    const flying = m.images.filter((i) => i.state === 'in-flight');
    const target = flying[c.image % flying.length]!;
    const done = await ctx.ops.run(push, { repo: target.repo, tag: target.tag, digest: target.digest, manifestOnly: true }, async (client) => ({
      outcome: 'ok',
      value: { digest: await client.putManifest(target.repo, target.tag, target.image!.manifest) },
    }));
    target.state = stateOf(done.outcome);
  },
});

export default { kind: push, commands: [pushCommand, pushManifest] };
