// The registry in maintenance read-only mode (its config flipped, the process restarted): pushes are refused
// while it lasts, which is when garbage collection is safe to run.
import { z } from 'zod';
import { READ_ONLY } from '../lab/products/capabilities.ts';
import { lasting, type Plan } from './fault.ts';

export default lasting({
  name: 'read-only',
  about: 'the registry restarted in maintenance read-only mode (pushes refused) until healed',
  spec: z.object({}).strict(),
  needs: () => [{ role: 'registry', capability: READ_ONLY, for: 'read-only mode' }],
  plan: (fault): Plan => ({ fault, targets: [{ component: 'registry', resource: 'maintenance.readonly' }] }),
  script: () => ({ apply: ['registry_readonly', 'true'], heal: ['registry_readonly', 'false'] }),
  effect: (_plan, stack) => {
    const set = async (on: boolean) => {
      await stack.capable('registry', READ_ONLY).setReadOnly(on);
      return { readonly: on, restarted: true };
    };
    return { apply: () => set(true), heal: () => set(false) };
  },
});
