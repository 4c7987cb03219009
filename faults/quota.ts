// The registry user's hard quota set to a size (production had a fixed quota for the registry's user), lifted
// on healing. Records what the object store reported: the quota as set and the bucket's usage at that moment.
import { z } from 'zod';
import { QUOTA } from '../lab/products/capabilities.ts';
import { lasting, type Plan } from './fault.ts';

/** The quota and usage from radosgw-admin's `user info` quota and `bucket stats` usage (JSON). */
export function quotaReport(stats: string): Record<string, unknown> {
  try {
    const s = JSON.parse(stats) as {
      user_quota?: { enabled?: boolean; max_size?: number };
      usage?: Record<string, { size_actual?: number; num_objects?: number }>;
    };
    const usage = Object.values(s.usage ?? {}).reduce((a, u) => ({ bytes: a.bytes + (u.size_actual ?? 0), objects: a.objects + (u.num_objects ?? 0) }), {
      bytes: 0,
      objects: 0,
    });
    return { quotaEnabled: s.user_quota?.enabled ?? false, quotaBytes: s.user_quota?.max_size ?? -1, usedBytes: usage.bytes, objects: usage.objects };
  } catch {
    return { stats: stats.slice(0, 200) };
  }
}

export default lasting({
  name: 'quota',
  about: "the registry user's storage quota set to maxBytes, lifted on healing",
  spec: z
    .object({
      maxBytes: z
        .number()
        .int()
        .positive()
        .max(2 ** 50)
        .describe("the registry user's quota, in bytes"),
    })
    .strict(),
  needs: () => [{ role: 'object-store', capability: QUOTA, for: 'a quota' }],
  plan: (fault, s): Plan & { maxBytes: number } => ({ fault, targets: [{ component: 'object-store', resource: 'user quota' }], maxBytes: s.maxBytes }),
  effect: (plan, stack) => {
    const store = () => stack.capable('object-store', QUOTA);
    return {
      apply: async () => quotaReport(await store().setQuota(plan.maxBytes)),
      heal: async () => quotaReport(await store().setQuota(null)),
    };
  },
});
