// Push a generated image (seeded from the run, the case and its number) to a new repository of the case:
// whole, or in two halves (blobs now, manifest later) so that something can happen while it is in flight.
import { generateImage, type LayerSpec } from '../../../fixtures/image.ts';
import type { Executor } from '../executor.ts';
import type { ImageState, Model } from '../model.ts';
import type { System } from '../system.ts';

function next(m: Model, s: System, layers: readonly string[]) {
  const n = m.images.length;
  const image = generateImage(`${s.seed}:${m.ns}:${n}`, layers as LayerSpec[]);
  return { image, repo: `${m.ns}/image-${n}`, tag: 'v1' };
}

const stateOf = (outcome: string): ImageState['state'] => (outcome === 'ok' ? 'acked' : outcome === 'info' ? 'unknown' : 'failed');

export const push: Executor<'push'> = {
  applies: () => true,
  async run(c, m, s) {
    const { image, repo, tag } = next(m, s, c.layers);
    const args = { repo, tag, digest: image.manifest.digest, layers: image.layers.map((l) => l.size), chunked: c.chunked };
    const done = await s.ops.run('push', args, async (client) => ({
      outcome: 'ok',
      value: { digest: await client.pushImage(repo, tag, image, c.chunked ? { chunkSize: 64 * 1024 } : undefined) },
    }));
    m.images.push({ repo, tag, digest: image.manifest.digest, layers: image.layers, state: stateOf(done.outcome) });
  },
};

export const pushBlobs: Executor<'push-blobs'> = {
  applies: () => true,
  async run(c, m, s) {
    const { image, repo, tag } = next(m, s, c.layers);
    const blobs = [image.config, ...image.layers];
    const done = await s.ops.run('push-blobs', { repo, tag, blobs: blobs.map((b) => b.digest) }, async (client) => {
      for (const b of blobs) if (!(await client.headBlob(repo, b.digest))) await client.uploadBlob(repo, b);
      return { outcome: 'ok' };
    });
    m.images.push({ repo, tag, digest: image.manifest.digest, layers: image.layers, state: done.outcome === 'ok' ? 'in-flight' : 'failed', image });
  },
};

export const pushManifest: Executor<'push-manifest'> = {
  applies: (_c, m) => m.images.some((i) => i.state === 'in-flight'),
  async run(c, m, s) {
    const flying = m.images.filter((i) => i.state === 'in-flight');
    const target = flying[c.image % flying.length]!;
    const done = await s.ops.run('push', { repo: target.repo, tag: target.tag, digest: target.digest, manifestOnly: true }, async (client) => ({
      outcome: 'ok',
      value: { digest: await client.putManifest(target.repo, target.tag, target.image!.manifest) },
    }));
    target.state = stateOf(done.outcome);
  },
};
