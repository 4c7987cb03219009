// Apply one of the run's faults, and heal it: the nemesis commands. They record fault events, not ops.
import fc from 'fast-check';
import { z } from 'zod';
import { command } from './op.ts';

const named = z.object({ fault: z.string().describe("the fault's name in the scenario's faults") }).strict();

export default {
  commands: [
    command({
      name: 'fault',
      about: "apply one of the scenario's faults (or do its action)",
      spec: named,
      applies: (c, m) => !m.faults.has(c.fault),
      async run(c, m, ctx) {
        // an action is done, not active: there is nothing to heal at the end of a case
        if ((await ctx.faults.apply(c.fault)).ok && !ctx.faults.isAction(c.fault)) m.faults.add(c.fault);
      },
      // the fuzzer applies a fault only while a write is in flight: that is where acknowledged data can be lost
      fuzz: (faults) => (faults.length > 0 ? { weight: 6, arbitrary: fc.record({ fault: fc.constantFrom(...faults) }), when: (m) => m.writing() } : undefined),
    }),
    command({
      name: 'heal',
      about: "heal one of the scenario's lasting faults",
      spec: named,
      applies: (c, m) => m.faults.has(c.fault),
      async run(c, m, ctx) {
        await ctx.faults.heal(c.fault);
        m.faults.delete(c.fault);
      },
      fuzz: (faults) => (faults.length > 0 ? { weight: 2, arbitrary: fc.record({ fault: fc.constantFrom(...faults) }) } : undefined),
    }),
  ],
};
