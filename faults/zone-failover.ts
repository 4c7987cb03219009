// The registry moved to zone zb of the multisite object store, as the seed's active/passive DC switch: it
// restarts on zb's S3 endpoint, same bucket and keys. A one-shot action; zone za keeps running.
import type { Ceph } from '../lab/components/ceph.ts';
import type { Distribution } from '../lab/components/distribution.ts';
import type { Applied, FaultEffect } from './fault.ts';

export class ZoneFailoverEffect implements FaultEffect {
  readonly kind = 'zone-failover';

  constructor(
    readonly name: string,
    private readonly registry: Distribution,
    private readonly store: Ceph,
  ) {}

  async apply(): Promise<Applied> {
    const status = await this.store.syncStatus();
    await this.registry.retarget({ endpoint: this.store.zoneEndpoint('zb') });
    return { target: `${this.registry.role} → ${this.store.role}:zb`, detail: { from: 'za', to: 'zb', zbStatusBefore: status } };
  }

  async heal(): Promise<Applied> {
    return { target: `${this.registry.role} → ${this.store.role}:zb`, detail: {} };
  }
}
