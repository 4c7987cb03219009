// A component's processes stopped (SIGTERM, then started again on healing) or paused (SIGSTOP, SIGCONT).
import { z } from 'zod';
import { ROLES, type Role } from '../lab/products/roles.ts';
import { lasting, type Plan } from './fault.ts';

export default lasting({
  name: 'process',
  about: "a component's processes stopped (started again on healing) or paused (SIGSTOP, resumed with SIGCONT)",
  spec: z
    .object({
      role: z.enum(Object.keys(ROLES) as [Role, ...Role[]]).describe('the role whose processes (every replica, every server) it acts on'),
      action: z.enum(['stop', 'pause']).describe('stop: SIGTERM, started again on healing; pause: SIGSTOP, SIGCONT on healing'),
    })
    .strict(),
  needs: (s) => [{ role: s.role, for: `a process ${s.action}` }],
  plan: (fault, s): Plan & { role: Role; action: 'stop' | 'pause' } => ({ fault, targets: [{ component: s.role }], role: s.role, action: s.action }),
  effect: (plan, stack) => ({
    async apply() {
      const c = stack.get(plan.role);
      if (plan.action === 'stop') await c.stop();
      else c.pause(true);
      return { action: plan.action };
    },
    async heal() {
      const c = stack.get(plan.role);
      if (plan.action === 'stop') await c.restart();
      else c.pause(false);
      return { action: plan.action === 'stop' ? 'start' : 'resume' };
    },
  }),
});
