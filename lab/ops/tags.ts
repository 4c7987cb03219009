// GET the tags of a repository (an image's, or one named): one page (n, last), or every page its Link headers
// lead to (all).
import { z } from 'zod';
import { listArgs, listFields, listPages } from './catalog.ts';
import { index, Model } from './model.ts';
import { command, opKind } from './op.ts';

export const tags = opKind({
  name: 'tags',
  args: z.object({ repo: z.string(), ...listArgs }),
  value: z.object({ tags: z.array(z.string()), pages: z.number().int(), more: z.boolean() }),
});

export default {
  kind: tags,
  commands: [
    command({
      name: 'tags',
      about: "list a repository's tags (image: its index, or repo: a name; n: per page; last: after this one; all: follow every page)",
      spec: z
        .object({ image: index.optional(), repo: z.string().optional().describe('a repository by name, instead of image'), ...listFields })
        .strict()
        .refine((c) => (c.image === undefined) !== (c.repo === undefined), 'names an image or a repo: one of the two'),
      applies: (c, m) => c.repo !== undefined || m.images.length > 0,
      async run(c, m, ctx) {
        const repo = c.repo ?? Model.pick(m.images, c.image!)!.repo;
        const query = { ...(c.n !== undefined && { n: c.n }), ...(c.last !== undefined && { last: c.last }) };
        await ctx.ops.run(tags, { repo, ...query, all: c.all ?? false }, async (client) => {
          const listed = await listPages(await client.tags(repo, query), (path) => client.listPage(path, 'tags'), c.all ?? false);
          return { outcome: 'ok', value: { tags: listed.names, pages: listed.pages, more: listed.more } };
        });
      },
    }),
  ],
};
