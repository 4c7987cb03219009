// GET the registry's catalog of repositories: one page (n, last), or every page its Link headers lead to (all).
import { z } from 'zod';
import type { ListPage } from '../clients/oci.ts';
import { command, opKind } from './op.ts';

/** The fields of a listing command: how many names a page holds, after which name, and whether to follow every page. */
export const listFields = {
  n: z.number().int().positive().optional().describe('how many names a page holds (the `n` query parameter)'),
  last: z.string().optional().describe('list after this name (the `last` query parameter)'),
  all: z.boolean().optional().describe('follow each `Link: rel="next"` until a page names none'),
};

/** What a listing op asked for. */
export const listArgs = { n: z.number().int().optional(), last: z.string().optional(), all: z.boolean() };

/** The names of a list and how many pages were fetched; more: the last page fetched named a next one. */
export interface Listed {
  names: string[];
  pages: number;
  more: boolean;
}

/** The first page, then (all) each next page its Link named, until one names none; a Link back to a page fetched is an error. */
export async function listPages(first: ListPage, next: (path: string) => Promise<ListPage>, all: boolean): Promise<Listed> {
  const names = [...first.names];
  const fetched = new Set<string>();
  let page = first;
  while (all && page.next !== undefined) {
    if (fetched.has(page.next)) throw new Error(`the Link rel="next" leads back to ${page.next}`);
    fetched.add(page.next);
    page = await next(page.next);
    names.push(...page.names);
  }
  return { names, pages: 1 + fetched.size, more: page.next !== undefined };
}

export const catalog = opKind({
  name: 'catalog',
  args: z.object(listArgs),
  value: z.object({ repositories: z.array(z.string()), pages: z.number().int(), more: z.boolean() }),
});

export default {
  kind: catalog,
  commands: [
    command({
      name: 'catalog',
      about: "list the registry's repositories (n: per page; last: after this one; all: follow every page)",
      spec: z.object(listFields).strict(),
      applies: () => true,
      async run(c, _m, ctx) {
        const query = { ...(c.n !== undefined && { n: c.n }), ...(c.last !== undefined && { last: c.last }) };
        await ctx.ops.run(catalog, { ...query, all: c.all ?? false }, async (client) => {
          const listed = await listPages(await client.catalog(query), (path) => client.listPage(path, 'repositories'), c.all ?? false);
          return { outcome: 'ok', value: { repositories: listed.names, pages: listed.pages, more: listed.more } };
        });
      },
      // one page: the catalog holds the repositories of every case so far, so following every page grows with the run
    }),
  ],
};
