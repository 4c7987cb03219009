// One pass of the standby's sync job now, after the one in progress: the final sync of a planned failover.
import type { Rsync } from '../lab/components/rsync.ts';
import type { Applied, FaultEffect } from './fault.ts';

export class SyncPassEffect implements FaultEffect {
  readonly kind = 'sync-pass';

  constructor(
    readonly name: string,
    private readonly sync: Rsync,
  ) {}

  async apply(): Promise<Applied> {
    await this.sync.passNow();
    return { target: this.sync.role, detail: { pass: this.sync.lastCompleted } };
  }

  /** A pass cannot be undone: healing it records that nothing was done. */
  async heal(): Promise<Applied> {
    return { target: this.sync.role, detail: {} };
  }
}
