// Run Distribution's garbage collector against the live registry's storage.
import type { Distribution } from '../../components/distribution.ts';
import type { Executor } from '../executor.ts';

export const gc: Executor<'gc'> = {
  applies: () => true,
  async run(_c, _m, s) {
    await s.ops.run('gc', {}, async () => {
      const out = await (s.stack.get('registry') as Distribution).garbageCollect();
      return { outcome: 'ok', value: { deleted: (out.match(/blob eligible for deletion/g) ?? []).length } };
    });
  },
};
