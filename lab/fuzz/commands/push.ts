// Push a generated image (seeded from the run, the case and its number) to a new repository of the case.
import { generateImage, type LayerSpec } from '../../../fixtures/image.ts';
import type { Executor } from '../executor.ts';

export const push: Executor<'push'> = {
  applies: () => true,
  async run(c, m, s) {
    const n = m.images.length;
    const image = generateImage(`${s.seed}:${m.ns}:${n}`, c.layers as LayerSpec[]);
    const target = { repo: `${m.ns}/image-${n}`, tag: 'v1' };
    const args = { ...target, digest: image.manifest.digest, layers: image.layers.map((l) => l.size), chunked: c.chunked };
    const done = await s.ops.run('push', args, async (client) => ({
      outcome: 'ok',
      value: { digest: await client.pushImage(target.repo, target.tag, image, c.chunked ? { chunkSize: 64 * 1024 } : undefined) },
    }));
    m.images.push({ ...target, digest: image.manifest.digest, layers: image.layers, state: done.outcome === 'ok' ? 'acked' : done.outcome === 'info' ? 'unknown' : 'failed' });
  },
};
