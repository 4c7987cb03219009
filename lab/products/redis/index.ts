// Redis, the registry's blob-descriptor cache.
import { z } from 'zod';
import { apt } from '../../provision/programs.ts';
import { FLUSH, REDIS } from '../capabilities.ts';
import { defineProduct, release } from '../product.ts';
import { Redis } from './redis.ts';

export default defineProduct({
  name: 'redis',
  about: "Redis (Debian's redis-server), no persistence: the registry's blob-descriptor cache",
  fills: { cache: z.object({}).strict() },
  programs: { 'redis-server': apt('redis-server') },
  image: () => ({ name: 'redis', suite: 'bookworm' }),
  upstream: (v) => ({ image: `redis:${release(v)}` }),
  capabilities: () => [REDIS, FLUSH],
  build: ({ role }) => ({ component: new Redis(role), dependsOn: [] }),
});
