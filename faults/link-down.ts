// A faultable link cut: its Toxiproxy proxy disabled, so connections to it are refused until it is healed.
import { z } from 'zod';
import { FAULT_PROXY } from '../lab/products/capabilities.ts';
import { lasting, type Plan } from './fault.ts';

export default lasting({
  name: 'link-down',
  about: 'a faultable link cut (its proxy disabled, connections refused) until healed',
  spec: z.object({ link: z.string().describe('the faultable link, by its name in topology.links') }).strict(),
  needs: (s) => [{ link: s.link, path: 'link' }],
  plan: (fault, s): Plan & { link: string } => ({ fault, targets: [{ component: 'fault-proxy', link: s.link }], link: s.link }),
  script: (plan) => ({ apply: ['link_enabled', plan.link, 'false'], heal: ['link_enabled', plan.link, 'true'] }),
  effect: (plan, stack) => {
    const set = async (enabled: boolean) => {
      const p = await stack.capable('fault-proxy', FAULT_PROXY).client.setEnabled(plan.link, enabled);
      return { enabled: p.enabled, listen: p.listen, upstream: p.upstream };
    };
    return { apply: () => set(false), heal: () => set(true) };
  },
});
