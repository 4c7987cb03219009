// The registry moved to zone zb of the multisite object store, as the seed's active/passive DC switch: it
// restarts on zb's S3 endpoint, same bucket and keys. A one-shot action; zone za keeps running.
import { z } from 'zod';
import { MULTISITE, RETARGET } from '../lab/products/capabilities.ts';
import { action, type Plan } from './fault.ts';

export default action({
  name: 'zone-failover',
  about: "the registry restarted on zone zb's S3 endpoint (a DC switch)",
  spec: z.object({}).strict(),
  needs: () => [
    { role: 'registry', capability: RETARGET, for: 'a zone failover' },
    { role: 'object-store', capability: MULTISITE, for: 'a zone failover' },
  ],
  plan: (fault): Plan => ({ fault, targets: [{ component: 'registry' }, { component: 'object-store', resource: 'zb' }] }),
  effect: (_plan, stack) => ({
    async run() {
      const store = stack.capable('object-store', MULTISITE);
      const status = await store.syncStatus();
      await stack.capable('registry', RETARGET).retarget({ endpoint: store.zoneEndpoint('zb') });
      return { from: 'za', to: 'zb', zbStatusBefore: status };
    },
  }),
});
