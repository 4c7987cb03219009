// A faultable link cut: the Toxiproxy proxy disabled, so connections to it are refused until it is healed.
import type { ToxiproxyClient } from '../lab/clients/toxiproxy.ts';
import type { Applied, FaultEffect } from './fault.ts';

export class LinkDownEffect implements FaultEffect {
  readonly kind = 'link-down';

  /** the plan is the link: its proxy is named after it */
  constructor(
    readonly name: string,
    readonly link: string,
    private readonly toxiproxy: ToxiproxyClient,
  ) {}

  private async set(enabled: boolean): Promise<Applied> {
    const p = await this.toxiproxy.setEnabled(this.link, enabled);
    return { target: `fault-proxy/${this.link}`, detail: { enabled: p.enabled, listen: p.listen, upstream: p.upstream } };
  }

  apply(): Promise<Applied> {
    return this.set(false);
  }

  heal(): Promise<Applied> {
    return this.set(true);
  }
}
