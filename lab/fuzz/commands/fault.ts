// Apply one of the fuzzer's faults, and heal it.
import { applyFault, healFault } from '../../../faults/fault.ts';
import type { Executor } from '../executor.ts';

export const fault: Executor<'fault'> = {
  applies: (c, m) => !m.faults.has(c.fault),
  async run(c, m, s) {
    await applyFault(s.effects.get(c.fault)!, s.events);
    m.faults.add(c.fault);
  },
};

export const heal: Executor<'heal'> = {
  applies: (c, m) => m.faults.has(c.fault),
  async run(c, m, s) {
    await healFault(s.effects.get(c.fault)!, s.events);
    m.faults.delete(c.fault);
  },
};
