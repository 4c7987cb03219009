// The stacks several scenarios share, as topology data: the S3 stack of seed 000 (nginx before Distribution on
// S3 with the Redis cache, envoy before Ceph RGW) and the Swift stack (the same front and cache, Swift as the
// store). A scenario takes one and changes what its incident needs.
import type { z } from 'zod';
import type { s3FrontOptions } from '../products/s3-front.ts';
import type { TopologyInput } from './schema.ts';

type S3Front = z.input<typeof s3FrontOptions> & { product?: 'envoy' | 'nginx' };

/** nginx → Distribution 2.8 (S3 storage, Redis cache) → `front` (envoy unless named) → Ceph RGW. A front with
 * writesVia gets that link, from the s3-front to the object store. */
export function s3Stack(front: S3Front): TopologyInput {
  const { product = 'envoy', ...options } = front;
  return {
    'registry-front': { product: 'nginx' },
    registry: { product: 'distribution', version: '2.8', storage: 's3', cache: 'redis' },
    's3-front': { product, ...options },
    'object-store': { product: 'ceph' },
    cache: { product: 'redis' },
    ...(front.writesVia && { links: { [front.writesVia]: { from: 's3-front', to: 'object-store' } } }),
  } as TopologyInput;
}

/** nginx → Distribution 2.8 (Swift storage, Redis cache) → Swift; `links` put servers of Swift behind the fault proxy. */
export function swiftStack(links: Record<string, { from: string; to: string }> = {}): TopologyInput {
  return {
    'registry-front': { product: 'nginx' },
    registry: { product: 'distribution', version: '2.8', storage: 'swift', cache: 'redis' },
    'object-store': { product: 'swift' },
    cache: { product: 'redis' },
    links,
  };
}
