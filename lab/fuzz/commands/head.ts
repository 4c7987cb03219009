// HEAD one layer of an image in its repository.
import { Model } from '../model.ts';
import type { Executor } from '../executor.ts';

export const head: Executor<'head'> = {
  applies: (_c, m) => m.images.length > 0,
  async run(c, m, s) {
    const image = Model.pick(m.images, c.image)!;
    const layer = Model.pick(image.layers, c.layer)!;
    await s.ops.run('head', { repo: image.repo, tag: image.tag, digest: layer.digest }, async (client) => ({ outcome: 'ok', value: { exists: await client.headBlob(image.repo, layer.digest) } }));
  },
};
