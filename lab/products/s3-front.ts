// The s3-front role, whichever product fills it (envoy, nginx): a proxy before the object store's S3 API with
// an idle timeout, whose writes can take a faultable link while reads go straight to the store.
import { z } from 'zod';
import { S3_STORE } from './capabilities.ts';
import type { Link, Requirement } from './product.ts';
import type { Role } from './roles.ts';
import { MAX_MS } from '../core/limits.ts';

export const s3FrontOptions = z
  .object({
    /** envoy: stream_idle_timeout (0: none, a stalled request waits forever); nginx: proxy_read_timeout */
    idleTimeoutMs: z.number().int().nonnegative().max(MAX_MS),
    /** the faultable link that S3 writes take; reads go straight to the object store */
    writesVia: z.string().optional(),
    writeMethods: z
      .array(z.enum(['PUT', 'POST', 'DELETE']))
      .nonempty()
      .default(['PUT']),
    /** only writes with a Content-Length from 1 to this - 1 take the link (small files); larger ones go direct */
    writesBelowBytes: z
      .number()
      .int()
      .positive()
      .max(1 << 30)
      .optional(),
  })
  .strict();

export type S3FrontOptions = z.output<typeof s3FrontOptions>;

/** Rules every s3-front keeps; products add their own. */
export function s3FrontRules(o: S3FrontOptions, ctx: z.RefinementCtx): void {
  if (o.writesBelowBytes !== undefined && !o.writesVia)
    ctx.addIssue({ code: 'custom', path: ['writesBelowBytes'], message: 'needs writesVia: the link small writes take' });
}

export const s3FrontRequires = (): Requirement[] => [{ role: 'object-store', capability: S3_STORE, for: 'the S3 API it fronts' }];

/** The link an s3-front wires: from itself to the object store, taken by the writes its writesVia names. */
export const s3FrontLinks = {
  about: (role: Role) => (role === 's3-front' ? "s3-front → object-store (the s3-front's writesVia names it)" : undefined),
  wires: (l: Link, role: Role) => role === 's3-front' && l.from === role && l.to === 'object-store',
};

export const s3FrontNamesLinks = (o: S3FrontOptions) => (o.writesVia ? [{ path: 'writesVia', link: o.writesVia }] : []);

/** Where its writes go through the fault proxy, as the config templates want it. */
export function writeLink(o: S3FrontOptions): { name: string; via: 'fault-proxy'; methods: string[]; belowBytes?: number } | undefined {
  return o.writesVia ? { name: o.writesVia, via: 'fault-proxy', methods: o.writeMethods, belowBytes: o.writesBelowBytes } : undefined;
}
