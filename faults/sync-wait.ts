// Waits until zone zb has caught up with za (a one-shot action: "after sync catch-up"): radosgw-admin says so
// and zb lists every key of the registry's bucket that za lists (right after a link comes back, the status
// can say "caught up" before the objects are there). Records how long that took; fails after its timeout.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Ceph } from '../lab/components/ceph.ts';
import { ComponentError } from '../lab/errors.ts';
import type { Applied, FaultEffect } from './fault.ts';

export class SyncWaitEffect implements FaultEffect {
  readonly kind = 'sync-wait';

  constructor(
    readonly name: string,
    readonly timeoutMs: number,
    private readonly store: Ceph,
  ) {}

  async apply(): Promise<Applied> {
    const t0 = performance.now();
    for (;;) {
      const status = await this.store.syncStatus();
      const missing = status.caughtUp ? (await this.store.missingOnZb()).length : undefined;
      const waitedMs = Math.round(performance.now() - t0);
      if (missing === 0) return { target: `${this.store.role}:zb`, detail: { waitedMs, status } };
      if (waitedMs > this.timeoutMs) throw new ComponentError(this.store.role, `zone zb not caught up after ${waitedMs} ms: ${JSON.stringify({ ...status, missing })}`);
      await sleep(500);
    }
  }

  async heal(): Promise<Applied> {
    return { target: `${this.store.role}:zb`, detail: {} };
  }
}
