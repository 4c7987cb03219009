// Mount one layer of an image into a new repository of the case (cross-repository mount).
import { Model } from '../model.ts';
import type { Executor } from '../executor.ts';

export const mount: Executor<'mount'> = {
  applies: (_c, m) => m.images.length > 0,
  async run(c, m, s) {
    const image = Model.pick(m.images, c.image)!;
    const layer = Model.pick(image.layers, c.layer)!;
    const repo = `${m.ns}/mount-${m.mounts++}`;
    await s.ops.run('mount', { repo, from: image.repo, digest: layer.digest }, async (client) => ({ outcome: 'ok', value: { mounted: await client.mountBlob(repo, layer.digest, image.repo) } }));
  },
};
