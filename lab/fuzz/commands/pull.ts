// Pull an image back and hash every byte; a mismatch ends the op fail with the evidence in its value.
import { Model } from '../model.ts';
import type { Executor } from '../executor.ts';

export const pull: Executor<'pull'> = {
  applies: (_c, m) => m.images.length > 0,
  async run(c, m, s) {
    const image = Model.pick(m.images, c.image)!;
    await s.ops.run('pull', { repo: image.repo, tag: image.tag }, async (client) => {
      const r = await client.pullImage(image.repo, image.tag);
      const value = { digest: r.digest, blobs: r.blobs };
      return r.intact ? { outcome: 'ok', value } : { outcome: 'fail', value, error: 'bytes do not match their digest' };
    });
  },
};
