// One pass of the standby's sync job now, after the one in progress: the final sync of a planned failover.
import { z } from 'zod';
import { SYNC_JOB } from '../lab/products/capabilities.ts';
import { action, type Plan } from './fault.ts';

export default action({
  name: 'sync-pass',
  about: "one pass of the standby's sync job now, after the one in progress",
  spec: z.object({}).strict(),
  needs: () => [{ role: 'standby-sync', capability: SYNC_JOB, for: 'a sync pass' }],
  plan: (fault): Plan => ({ fault, targets: [{ component: 'standby-sync' }] }),
  effect: (_plan, stack) => ({
    async run() {
      const sync = stack.capable('standby-sync', SYNC_JOB);
      await sync.passNow();
      return { pass: sync.lastCompleted };
    },
  }),
});
