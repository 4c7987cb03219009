// The s3-front role, whichever product fills it (envoy, nginx): a proxy before the object store's S3 API with
// an idle timeout, whose writes and reads can each take a faultable link (the same one or two different ones),
// all of them or only those matching a path or query pattern; everything else goes straight to the store.
import { z } from 'zod';
import { S3_STORE } from './capabilities.ts';
import type { Link, Requirement } from './product.ts';
import type { Role } from './roles.ts';
import { MAX_MS } from '../core/limits.ts';
import { pattern } from '../core/pattern.ts';
import { type Features, features } from '../../fixtures/config/regex.ts';

/** Which of the routed requests take the link: those whose path (as sent, percent-encoded, without the query)
 * and whose query string (without the ?) match every pattern given. */
const match = z
  .object({
    path: pattern.optional().describe('searched for in the request\'s path, e.g. "/_uploads/"'),
    query: pattern.optional().describe('searched for in the query string, e.g. "list-type=2|prefix=" (the listings Distribution makes)'),
  })
  .strict()
  .refine((m) => m.path !== undefined || m.query !== undefined, { message: 'give path, query or both' });

export type S3FrontMatch = z.output<typeof match>;

export const s3FrontOptions = z
  .object({
    idleTimeoutMs: z
      .number()
      .int()
      .nonnegative()
      .max(MAX_MS)
      .describe('envoy: stream_idle_timeout (0: none, a stalled request waits forever); nginx: proxy_read_timeout'),
    writesVia: z.string().optional().describe('the faultable link that S3 writes take; without it writes go straight to the object store'),
    writeMethods: z
      .array(z.enum(['PUT', 'POST', 'DELETE']))
      .nonempty()
      .default(['PUT'])
      .describe('the methods that count as writes'),
    writesBelowBytes: z
      .number()
      .int()
      .positive()
      .max(1 << 30)
      .optional()
      .describe('only writes with a Content-Length from 1 to this - 1 take the link (small files); larger ones go direct'),
    writesMatch: match.optional().describe('only writes matching these patterns take the link; the others go direct'),
    readsVia: z.string().optional().describe("the faultable link that S3 reads take (it may be writesVia's); without it reads go straight to the object store"),
    readMethods: z
      .array(z.enum(['GET', 'HEAD']))
      .nonempty()
      .default(['GET', 'HEAD'])
      .describe('the methods that count as reads'),
    readsMatch: match.optional().describe("only reads matching these patterns take the link (`{ query: 'list-type=2|prefix=' }`: the listings)"),
  })
  .strict();

export type S3FrontOptions = z.output<typeof s3FrontOptions>;

/** A link name goes into the proxy's config as the name of an upstream. */
const LINK_NAME = /^[A-Za-z0-9._-]+$/;

/** Rules every s3-front keeps; products add their own (what their regular expressions cannot say). */
export function s3FrontRules(o: S3FrontOptions, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (o.writesBelowBytes !== undefined && !o.writesVia) issue('writesBelowBytes', 'needs writesVia: the link small writes take');
  if (o.writesMatch && !o.writesVia) issue('writesMatch', 'needs writesVia: the link matching writes take');
  if (o.readsMatch && !o.readsVia) issue('readsMatch', 'needs readsVia: the link matching reads take');
  for (const path of ['writesVia', 'readsVia'] as const) {
    const name = o[path];
    if (name !== undefined && !LINK_NAME.test(name))
      issue(path, `the link "${name}" names an upstream in the s3-front's config: use letters, digits, ".", "_" and "-"`);
  }
  for (const p of patterns(o)) {
    const why = unportable(features(p.src));
    if (why) ctx.addIssue({ code: 'custom', path: p.path, message: `nginx (PCRE) and envoy (RE2) read it otherwise: ${why}` });
  }
}

/** Every pattern of its options, with the path of the option. */
export function patterns(o: S3FrontOptions): { path: [string, keyof S3FrontMatch]; src: string }[] {
  return (['writesMatch', 'readsMatch'] as const).flatMap((option) =>
    (['path', 'query'] as const).flatMap((field) => {
      const src = o[option]?.[field];
      return src === undefined ? [] : [{ path: [option, field] as [string, keyof S3FrontMatch], src }];
    }),
  );
}

/** What in a pattern nginx's and envoy's engines do not read as JavaScript does, said with what to write instead. */
function unportable(f: Features): string | undefined {
  if (f.namedGroups) return 'no named groups (?<name>…); write (?:…)';
  if (f.emptyClass) return 'no empty classes [] or [^]; write [\\s\\S] for any character';
  if (f.jsEscapes) return 'no \\u or \\c escapes; write the character or \\xHH';
  return undefined;
}

export const s3FrontRequires = (): Requirement[] => [{ role: 'object-store', capability: S3_STORE, for: 'the S3 API it fronts' }];

/** The links an s3-front wires: from itself to the object store, taken by the writes and reads its writesVia and
 * readsVia name. */
export const s3FrontLinks = {
  about: (role: Role) => (role === 's3-front' ? "s3-front → object-store (the s3-front's writesVia or readsVia names it)" : undefined),
  wires: (l: Link, role: Role) => role === 's3-front' && l.from === role && l.to === 'object-store',
};

export const s3FrontNamesLinks = (o: S3FrontOptions) => [
  ...(o.writesVia ? [{ path: 'writesVia', link: o.writesVia }] : []),
  ...(o.readsVia ? [{ path: 'readsVia', link: o.readsVia }] : []),
];

/** Requests that take a faultable link: these methods, and (when given) a Content-Length from 1 to belowBytes - 1
 * and a path and query matching the patterns. */
export interface S3FrontRoute {
  /** the link's name */
  link: string;
  methods: string[];
  belowBytes?: number;
  match?: S3FrontMatch;
}

/** Where its writes and reads go through the fault proxy, as the config templates want it: writes first. */
export function linkRoutes(o: S3FrontOptions): S3FrontRoute[] {
  return [
    ...(o.writesVia ? [{ link: o.writesVia, methods: o.writeMethods, belowBytes: o.writesBelowBytes, match: o.writesMatch }] : []),
    ...(o.readsVia ? [{ link: o.readsVia, methods: o.readMethods, match: o.readsMatch }] : []),
  ];
}

/** The name of a link's upstream in a front's config (its envoy cluster, its nginx upstream), as access logs show
 * it: "link" when the front takes one link, "link.<name>" for each when it takes two. */
export function upstreamNames(routes: readonly { link: string }[]): Map<string, string> {
  const links = [...new Set(routes.map((r) => r.link))];
  return new Map(links.map((l) => [l, links.length === 1 ? 'link' : `link.${l}`]));
}

/** The routes with their upstream's name and the fault proxy's port for their link, as the config templates take them. */
export function routedUpstreams(routes: readonly S3FrontRoute[], portOf: (link: string) => number) {
  const names = upstreamNames(routes);
  return routes.map(({ link, ...r }) => ({ name: names.get(link)!, port: portOf(link), ...r }));
}

/** An access line's upstream as events carry it: "link.<name>" becomes "link <name>", so that whoever reads the
 * first word (`link` or `direct`) knows the path a request took, and the rest says which link. */
export const upstreamOfLog = (name: string): string => (name.startsWith('link.') ? `link ${name.slice(5)}` : name);
