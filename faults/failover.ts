// A disaster failover of the Toolforge pair: the active registry is lost (its process and the standby's sync
// job stop, a pass in progress is cut short) and the registry front is pointed at the standby, as the DNS
// name was. A one-shot action: there is no failing back.
import { z } from 'zod';
import { SYNC_JOB, UPSTREAM_SWITCH } from '../lab/products/capabilities.ts';
import { action, type Plan } from './fault.ts';

export default action({
  name: 'failover',
  about: 'the registry front switched to the standby; the active registry and its sync job stopped (a disaster failover)',
  spec: z.object({}).strict(),
  needs: () => [
    { role: 'registry-front', capability: UPSTREAM_SWITCH, for: 'a failover (it switches the front)' },
    { role: 'standby', for: 'a failover' },
    { role: 'standby-sync', capability: SYNC_JOB, for: 'a failover (it stops the sync job)' },
  ],
  plan: (fault): Plan => ({ fault, targets: [{ component: 'registry-front' }, { component: 'registry' }, { component: 'standby-sync' }] }),
  effect: (_plan, stack) => ({
    async run() {
      const front = stack.capable('registry-front', UPSTREAM_SWITCH);
      const sync = stack.capable('standby-sync', SYNC_JOB);
      const from = front.upstream;
      await Promise.all([sync.stop(), stack.get('registry').stop()]);
      await front.switchTo('standby');
      return { from, to: 'standby', stopped: ['registry', 'standby-sync'], lastCompletedPass: sync.lastCompleted };
    },
  }),
});
