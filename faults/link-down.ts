// A faultable link cut: the Toxiproxy proxy disabled, so connections to it are refused until it is healed.
import type { ToxiproxyClient } from '../lab/clients/toxiproxy.ts';
import type { Applied, FaultEffect } from './fault.ts';

export interface LinkDownPlan {
  fault: string;
  proxy: string;
}

export function planLinkDown(fault: string, link: string): LinkDownPlan {
  return { fault, proxy: link };
}

export class LinkDownEffect implements FaultEffect {
  readonly kind = 'link-down';

  constructor(
    readonly plan: LinkDownPlan,
    private readonly toxiproxy: ToxiproxyClient,
  ) {}

  get name(): string {
    return this.plan.fault;
  }

  private async set(enabled: boolean): Promise<Applied> {
    const p = await this.toxiproxy.setEnabled(this.plan.proxy, enabled);
    return { target: `fault-proxy/${this.plan.proxy}`, detail: { enabled: p.enabled, listen: p.listen, upstream: p.upstream } };
  }

  apply(): Promise<Applied> {
    return this.set(false);
  }

  heal(): Promise<Applied> {
    return this.set(true);
  }
}
