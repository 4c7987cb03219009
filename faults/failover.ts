// A disaster failover of the Toolforge pair: the active registry is lost (its process and the standby's sync
// job stop, a pass in progress is cut short) and the registry front is pointed at the standby, as the DNS
// name was. A one-shot action: there is no failing back.
import type { Nginx } from '../lab/components/nginx.ts';
import type { Rsync } from '../lab/components/rsync.ts';
import type { Component } from '../lab/runtime/component.ts';
import type { Applied, FaultEffect } from './fault.ts';

export class FailoverEffect implements FaultEffect {
  readonly kind = 'failover';

  constructor(
    readonly name: string,
    private readonly front: Nginx,
    private readonly active: Component,
    private readonly sync: Rsync,
    private readonly standby: string,
  ) {}

  async apply(): Promise<Applied> {
    const from = this.front.upstream;
    await Promise.all([this.sync.stop(), this.active.stop()]);
    await this.front.switchTo(this.standby);
    return { target: `${this.front.role} → ${this.standby}`, detail: { from, to: this.standby, stopped: [this.active.role, this.sync.role], lastCompletedPass: this.sync.lastCompleted } };
  }

  async heal(): Promise<Applied> {
    return { target: `${this.front.role} → ${this.standby}`, detail: {} };
  }
}
