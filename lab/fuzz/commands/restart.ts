// Restart a component on the same ports and config (its cache, if any, starts empty).
import type { Executor } from '../executor.ts';

export const restart: Executor<'restart'> = {
  applies: () => true,
  async run(c, _m, s) {
    await s.ops.run('restart', { component: c.component }, async () => {
      await s.stack.get(c.component).restart();
      return { outcome: 'ok' };
    });
  },
};
