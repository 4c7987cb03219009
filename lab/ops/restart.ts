// Restart a component on the same ports and config (its cache, if any, starts empty).
import fc from 'fast-check';
import { z } from 'zod';
import { command, opKind } from './op.ts';

/** The roles a restart may name: the stateless ones (a restarted object store would lose its data). */
const RESTARTABLE = ['registry', 'registry-front', 's3-front', 'cache'] as const;

export const restart = opKind({ name: 'restart', args: z.object({ component: z.string() }), value: z.object({}) });

export default {
  kind: restart,
  commands: [
    command({
      name: 'restart',
      about: `restart a component on the same ports and config (component: ${RESTARTABLE.join(', ')})`,
      spec: z.object({ component: z.enum(RESTARTABLE).describe('the role restarted (a stateless one)') }).strict(),
      applies: () => true,
      async run(c, _m, ctx) {
        await ctx.ops.run(restart, { component: c.component }, async () => {
          await ctx.stack.get(c.component).restart();
          return { outcome: 'ok' };
        });
      },
      fuzz: () => ({ weight: 1, arbitrary: fc.record({ component: fc.constantFrom(...RESTARTABLE) }) }),
    }),
  ],
};
