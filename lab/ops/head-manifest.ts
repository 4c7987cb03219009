// HEAD the manifest of an image (or of a repository and tag named), accepting the manifest types pulls accept:
// whether it exists, and the digest and size the registry gives for it.
import { z } from 'zod';
import { index, Model } from './model.ts';
import { command, opKind } from './op.ts';

export const headManifest = opKind({
  name: 'head-manifest',
  args: z.object({ repo: z.string(), tag: z.string() }),
  value: z.object({ exists: z.boolean(), digest: z.string().optional(), size: z.number().int().optional() }),
});

export default {
  kind: headManifest,
  commands: [
    command({
      name: 'head-manifest',
      about: "HEAD an image's manifest (image: its index, tag: another tag of its repository; or repo and tag)",
      spec: z
        .object({
          image: index.optional(),
          repo: z.string().optional().describe('a repository by name, instead of image'),
          tag: z.string().optional().describe('another tag (with image: in its repository)'),
        })
        .strict()
        .refine((c) => (c.image === undefined) !== (c.repo === undefined), 'names an image or a repo: one of the two')
        .refine((c) => c.repo === undefined || c.tag !== undefined, { message: 'a repo needs a tag', path: ['tag'] }),
      applies: (c, m) => c.repo !== undefined || m.images.length > 0,
      async run(c, m, ctx) {
        const image = c.repo === undefined ? Model.pick(m.images, c.image!)! : undefined;
        const repo = c.repo ?? image!.repo;
        const tag = c.tag ?? image!.tag;
        await ctx.ops.run(headManifest, { repo, tag }, async (client) => ({ outcome: 'ok', value: await client.headManifest(repo, tag) }));
      },
    }),
  ],
};
