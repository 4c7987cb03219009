// The registry's blob-descriptor cache flushed (FLUSHALL on Redis): it forgets everything. A one-shot action.
import { z } from 'zod';
import { FLUSH } from '../lab/products/capabilities.ts';
import { action, type Plan } from './fault.ts';

export default action({
  name: 'cache-flush',
  about: "the registry's blob-descriptor cache flushed (Redis FLUSHALL)",
  spec: z.object({}).strict(),
  needs: () => [{ role: 'cache', capability: FLUSH, for: 'a cache flush' }],
  plan: (fault): Plan => ({ fault, targets: [{ component: 'cache', resource: 'FLUSHALL' }] }),
  script: () => ({ apply: ['cache_flush'] }),
  effect: (_plan, stack) => ({ run: async () => ({ reply: await stack.capable('cache', FLUSH).flush() }) }),
});
