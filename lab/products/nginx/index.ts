// nginx in two roles: registry-front (before Distribution; a failover points it at the standby) and s3-front
// (before the object store, standing in for envoy: proxy_read_timeout gives the 504).
import { z } from 'zod';
import { apt } from '../../provision/programs.ts';
import { UPSTREAM_SWITCH } from '../capabilities.ts';
import { defineProduct, release } from '../product.ts';
import { linkRoutes, s3FrontLinks, s3FrontNamesLinks, s3FrontOptions, s3FrontRequires, s3FrontRules, type S3FrontOptions } from '../s3-front.ts';
import { Nginx } from './nginx.ts';

const s3Front = s3FrontOptions.superRefine((o, ctx) => {
  s3FrontRules(o, ctx);
  if (o.idleTimeoutMs === 0) ctx.addIssue({ code: 'custom', path: ['idleTimeoutMs'], message: 'nginx cannot go without a read timeout: 0 (none) needs envoy' });
  if (o.writesBelowBytes !== undefined && !/^10*$/.test(String(o.writesBelowBytes)))
    ctx.addIssue({ code: 'custom', path: ['writesBelowBytes'], message: 'nginx routes by the number of digits: use a power of ten' });
});

const isS3Front = (o: object): o is S3FrontOptions => 'idleTimeoutMs' in o;

export default defineProduct({
  name: 'nginx',
  about: "nginx (Debian's 1.22): the registry front, or an s3-front whose writes and reads can take faultable links",
  fills: { 'registry-front': z.object({}).strict(), 's3-front': s3Front },
  programs: { nginx: apt('nginx') },
  image: () => ({ name: 'nginx', suite: 'bookworm' }),
  upstream: (v) => ({ image: `nginx:${release(v)}` }),
  capabilities: (_o, role) => (role === 'registry-front' ? [UPSTREAM_SWITCH] : []),
  requires: (o, role) => (isS3Front(o) ? s3FrontRequires() : [{ role: 'registry', for: `the ${role}'s upstream` }]),
  namesLinks: (o) => (isS3Front(o) ? s3FrontNamesLinks(o) : []),
  links: s3FrontLinks,
  build: ({ role, opts }) => {
    if (!isS3Front(opts)) return { component: new Nginx(role, { kind: 'registry-front', upstream: 'registry' }), dependsOn: ['registry'] };
    const routes = linkRoutes(opts);
    return {
      component: new Nginx(role, { kind: 's3-front', upstream: 'object-store', idleTimeoutMs: opts.idleTimeoutMs, routes, via: 'fault-proxy' }),
      dependsOn: ['object-store', ...(routes.length > 0 ? ['fault-proxy' as const] : [])],
    };
  },
});
