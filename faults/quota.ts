// The registry user's hard quota set to a size (production had a fixed quota for the registry's user), lifted
// on healing. Records what the object store reported: the quota as set and the bucket's usage at that moment.
import type { Ceph } from '../lab/components/ceph.ts';
import type { Applied, FaultEffect } from './fault.ts';

/** The quota and usage from radosgw-admin's `user info` quota and `bucket stats` usage (JSON). */
export function quotaReport(stats: string): Record<string, unknown> {
  try {
    const s = JSON.parse(stats) as { user_quota?: { enabled?: boolean; max_size?: number }; usage?: Record<string, { size_actual?: number; num_objects?: number }> };
    const usage = Object.values(s.usage ?? {}).reduce((a, u) => ({ bytes: a.bytes + (u.size_actual ?? 0), objects: a.objects + (u.num_objects ?? 0) }), { bytes: 0, objects: 0 });
    return { quotaEnabled: s.user_quota?.enabled ?? false, quotaBytes: s.user_quota?.max_size ?? -1, usedBytes: usage.bytes, objects: usage.objects };
  } catch {
    return { stats: stats.slice(0, 200) };
  }
}

export class QuotaEffect implements FaultEffect {
  readonly kind = 'quota';

  constructor(
    readonly name: string,
    readonly maxBytes: number,
    private readonly store: Ceph,
  ) {}

  async apply(): Promise<Applied> {
    return { target: `${this.store.role}/${this.store.bucket}`, detail: quotaReport(await this.store.setQuota(this.maxBytes)) };
  }

  async heal(): Promise<Applied> {
    return { target: `${this.store.role}/${this.store.bucket}`, detail: quotaReport(await this.store.setQuota(null)) };
  }
}
