// Waits until zone zb has caught up with za (a one-shot action: "after sync catch-up"): radosgw-admin says so
// and zb lists every key of the registry's bucket that za lists (right after a link comes back, the status
// can say "caught up" before the objects are there). Records how long that took; fails after its timeout, naming
// the first keys zb lacks.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { ComponentError } from '../lab/core/errors.ts';
import { MULTISITE } from '../lab/products/capabilities.ts';
import { action, type Plan } from './fault.ts';
import { MAX_MS } from '../lab/core/limits.ts';

export default action({
  name: 'sync-wait',
  about: 'a wait until zone zb reports its sync caught up with za and lists every key za lists (fails after timeoutMs)',
  spec: z.object({ timeoutMs: z.number().int().positive().max(MAX_MS).default(120_000).describe('ms after which the wait fails') }).strict(),
  needs: () => [{ role: 'object-store', capability: MULTISITE, for: 'a sync wait' }],
  plan: (fault, s): Plan & { timeoutMs: number } => ({ fault, targets: [{ component: 'object-store', resource: 'zb' }], timeoutMs: s.timeoutMs }),
  effect: (plan, stack) => ({
    async run() {
      const store = stack.capable('object-store', MULTISITE);
      const t0 = performance.now();
      for (;;) {
        const status = await store.syncStatus();
        const missing = status.caughtUp ? await store.missingOnZb() : undefined;
        const waitedMs = Math.round(performance.now() - t0);
        if (missing?.length === 0) return { waitedMs, status };
        if (waitedMs > plan.timeoutMs)
          throw new ComponentError(
            'object-store',
            `zone zb not caught up after ${waitedMs} ms: ${JSON.stringify({ ...status, missing: missing?.length, first: missing?.slice(0, 3) })}`,
          );
        await sleep(500);
      }
    },
  }),
});
