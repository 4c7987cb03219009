// The registry in maintenance read-only mode (its config flipped, the process restarted): pushes are refused
// while it lasts, which is when garbage collection is safe to run.
import type { Distribution } from '../lab/components/distribution.ts';
import type { Applied, FaultEffect } from './fault.ts';

export class ReadOnlyEffect implements FaultEffect {
  readonly kind = 'read-only';

  constructor(
    readonly name: string,
    private readonly registry: Distribution,
  ) {}

  private async set(on: boolean): Promise<Applied> {
    await this.registry.setReadOnly(on);
    return { target: `${this.registry.role}/maintenance.readonly`, detail: { readonly: on, restarted: true } };
  }

  apply(): Promise<Applied> {
    return this.set(true);
  }

  heal(): Promise<Applied> {
    return this.set(false);
  }
}
