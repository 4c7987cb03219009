// Docker Distribution, the registry (and a standby): 2.8 from Debian, or 3.x built from its Go module.
import { z } from 'zod';
import { apt, goModule } from '../../provision/programs.ts';
import { FILESYSTEM, GARBAGE_COLLECT, READ_ONLY, REDIS, RETARGET, S3_STORE, SWIFT_STORE } from '../capabilities.ts';
import { defineProduct, type Requirement } from '../product.ts';
import type { Role } from '../roles.ts';
import { Distribution } from './distribution.ts';

const VERSIONS = ['2.8', '3'] as const;

const options = z
  .object({
    version: z.enum(VERSIONS).default('2.8'),
    storage: z.enum(['s3', 'swift', 'filesystem']),
    /** the blob-descriptor cache: in memory, or Redis in the cache role */
    cache: z.enum(['redis', 'inmemory']).default('inmemory'),
    /** a TCP health check on the Redis cache: when it fails, the registry answers 503 to everything */
    redisHealthCheck: z.boolean().default(false),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.storage === 'swift' && o.version !== '2.8')
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'the swift driver is gone from Distribution 3: swift storage needs 2.8' });
    if (o.redisHealthCheck && o.cache !== 'redis') ctx.addIssue({ code: 'custom', path: ['redisHealthCheck'], message: 'needs the redis cache' });
  });

export default defineProduct({
  name: 'distribution',
  about: 'Docker Distribution: 2.8 (Debian docker-registry; S3, Swift or filesystem storage) or 3.0 (S3 or filesystem)',
  fills: { registry: options, standby: options },
  programs: {
    'docker-registry': apt('docker-registry'),
    'registry-3': goModule('github.com/distribution/distribution/v3/cmd/registry', 'v3.0.0', 'registry'),
  },
  runs: (o) => [o.version === '3' ? 'registry-3' : 'docker-registry'],
  versions: VERSIONS,
  capabilities: (o) => [READ_ONLY, GARBAGE_COLLECT, ...(o.storage === 's3' ? [RETARGET] : []), ...(o.storage === 'filesystem' ? [FILESYSTEM] : [])],
  requires: (o) => {
    const r: Requirement[] = [];
    if (o.storage === 's3') r.push({ role: 'object-store', capability: S3_STORE, for: 's3 storage' });
    if (o.storage === 'swift') r.push({ role: 'object-store', capability: SWIFT_STORE, for: 'swift storage' });
    if (o.cache === 'redis') r.push({ role: 'cache', capability: REDIS, for: 'the redis cache' });
    return r;
  },
  build: ({ role, opts, topology }) => {
    const s3Via: Role = topology.roles['s3-front'] ? 's3-front' : 'object-store';
    const cache = opts.cache === 'redis' ? 'cache' : undefined;
    const component = new Distribution(role, {
      ...opts,
      program: opts.version === '3' ? 'registry-3' : 'docker-registry',
      s3Via,
      objectStore: 'object-store',
      cache,
    });
    const storage: Role[] = opts.storage === 's3' ? [s3Via, 'object-store'] : opts.storage === 'swift' ? ['object-store'] : [];
    return { component, dependsOn: [...storage, ...(cache ? ['cache' as const] : [])] };
  },
});
