// Docker Distribution, the registry (and a standby): 2.8 from Debian, or 3.x built from its Go module; one
// process, or replicas r1 … rN (servers of the role) behind the registry-front.
import { z } from 'zod';
import { apt, goModule } from '../../provision/programs.ts';
import { FILESYSTEM, GARBAGE_COLLECT, READ_ONLY, REDIS, RETARGET, S3_STORE, SWIFT_STORE } from '../capabilities.ts';
import { defineProduct, release, type Requirement } from '../product.ts';
import type { Role } from '../roles.ts';
import { Distribution, replicaNames } from './distribution.ts';

const VERSIONS = ['2.8', '3'] as const;

const options = z
  .object({
    version: z.enum(VERSIONS).default('2.8').describe("2.8: Debian's docker-registry; 3: built from the Go module"),
    storage: z.enum(['s3', 'swift', 'filesystem']).describe("its storage driver: the object store's S3 or Swift API, or a directory of the run"),
    cache: z.enum(['redis', 'inmemory']).default('inmemory').describe('the blob-descriptor cache: in memory, or Redis in the cache role'),
    redisHealthCheck: z.boolean().default(false).describe('a TCP health check on the Redis cache: when it fails, the registry answers 503 to everything'),
    replicas: z
      .number()
      .int()
      .min(1)
      .max(8)
      .default(1)
      .describe(
        'processes serving the registry (servers r1 … rN), each on its own port with its own config, on the same storage and cache; the registry-front balances over them round-robin',
      ),
    secret: z
      .enum(['shared', 'per-replica'])
      .default('shared')
      .describe(
        'one http.secret for every replica, or one each (generated per run): upload state signed by one replica is then refused by the others, as behind a load balancer without a shared secret',
      ),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.storage === 'swift' && o.version !== '2.8')
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'the swift driver is gone from Distribution 3: swift storage needs 2.8' });
    if (o.redisHealthCheck && o.cache !== 'redis') ctx.addIssue({ code: 'custom', path: ['redisHealthCheck'], message: 'needs the redis cache' });
    if (o.secret === 'per-replica' && o.replicas === 1)
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'per-replica secrets need replicas above 1 (one replica has one secret)' });
  });

export default defineProduct({
  name: 'distribution',
  about:
    'Docker Distribution: 2.8 (Debian docker-registry; S3, Swift or filesystem storage) or 3.0 (S3 or filesystem); replicas (r1 … r8) behind the registry-front',
  fills: { registry: options, standby: options },
  programs: {
    'docker-registry': apt('docker-registry'),
    'registry-3': goModule('github.com/distribution/distribution/v3/cmd/registry', 'v3.0.0', 'registry'),
  },
  runs: (o) => [o.version === '3' ? 'registry-3' : 'docker-registry'],
  versions: VERSIONS,
  image: (o) => ({ name: `distribution-${o.version}`, suite: 'bookworm' }),
  upstream: (v) => ({
    image: v.startsWith('2') ? `registry:${release(v)}` : `distribution/distribution:${release(v)}`,
    programs: { 'docker-registry': 'registry', 'registry-3': 'registry' },
  }),
  capabilities: (o) => [READ_ONLY, GARBAGE_COLLECT, ...(o.storage === 's3' ? [RETARGET] : []), ...(o.storage === 'filesystem' ? [FILESYSTEM] : [])],
  requires: (o) => {
    const r: Requirement[] = [];
    if (o.storage === 's3') r.push({ role: 'object-store', capability: S3_STORE, for: 's3 storage' });
    if (o.storage === 'swift') r.push({ role: 'object-store', capability: SWIFT_STORE, for: 'swift storage' });
    if (o.cache === 'redis') r.push({ role: 'cache', capability: REDIS, for: 'the redis cache' });
    if (o.replicas > 1) r.push({ role: 'registry-front', for: `more than one replica (replicas: ${o.replicas}; the front balances over them)` });
    return r;
  },
  servers: (o) => replicaNames(o.replicas),
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
