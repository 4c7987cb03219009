// Delete an image's manifest by digest.
import { Model } from '../model.ts';
import type { Executor } from '../executor.ts';

export const del: Executor<'delete'> = {
  applies: (_c, m) => m.images.length > 0,
  async run(c, m, s) {
    const image = Model.pick(m.images, c.image)!;
    const done = await s.ops.run('delete', { repo: image.repo, tag: image.tag, digest: image.digest }, async (client) => {
      await client.deleteManifest(image.repo, image.digest);
      return { outcome: 'ok' };
    });
    if (done.outcome !== 'fail') image.state = 'deleted';
  },
};
