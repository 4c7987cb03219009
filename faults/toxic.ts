// A Toxiproxy toxic on a faultable link. The plan is pure; the effect talks to the real Toxiproxy.
// timeout with timeout=0 on the upstream stream: the request bytes are swallowed and nothing ever answers.
import type { Toxic, ToxiproxyClient } from '../lab/clients/toxiproxy.ts';
import type { FaultSpec } from '../lab/scenario/schema.ts';
import type { Applied, FaultEffect } from './fault.ts';

export interface ToxicPlan {
  fault: string;
  proxy: string;
  toxic: Toxic;
}

export function planToxic(fault: string, spec: Extract<FaultSpec, { kind: 'toxic' }>): ToxicPlan {
  return {
    fault,
    proxy: spec.link,
    toxic: { name: `lab-${fault}`, type: spec.toxic, stream: spec.stream, toxicity: spec.toxicity, attributes: spec.attributes },
  };
}

export class ToxicEffect implements FaultEffect {
  readonly kind = 'toxic';

  constructor(
    readonly plan: ToxicPlan,
    private readonly toxiproxy: ToxiproxyClient,
  ) {}

  get name(): string {
    return this.plan.fault;
  }

  async apply(): Promise<Applied> {
    const stored = await this.toxiproxy.addToxic(this.plan.proxy, this.plan.toxic);
    const proxy = await this.toxiproxy.proxy(this.plan.proxy);
    return { target: `fault-proxy/${this.plan.proxy}`, detail: { toxic: stored, listen: proxy.listen, upstream: proxy.upstream } };
  }

  async heal(): Promise<Applied> {
    await this.toxiproxy.removeToxic(this.plan.proxy, this.plan.toxic.name);
    const proxy = await this.toxiproxy.proxy(this.plan.proxy);
    return { target: `fault-proxy/${this.plan.proxy}`, detail: { removed: this.plan.toxic.name, remaining: proxy.toxics.map((t) => t.name) } };
  }
}
