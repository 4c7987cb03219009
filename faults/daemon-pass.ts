// One pass of a Swift background daemon (object-updater: async pendings; container-replicator: lost listing
// updates) over every server of its kind: a healing step, recorded with what the daemon reported.
import type { Swift } from '../lab/components/swift.ts';
import type { Applied, FaultEffect } from './fault.ts';

export type Daemon = 'object-updater' | 'container-replicator';

export interface DaemonPassPlan {
  fault: string;
  daemon: Daemon;
}

/** The lines of a daemon's output that say what it did. */
export function summary(output: string): string[] {
  return output.split('\n').filter((l) => /successes|failures|Object update|replication|complete/i.test(l)).map((l) => l.trim()).slice(0, 12);
}

export class DaemonPassEffect implements FaultEffect {
  readonly kind = 'daemon-pass';

  constructor(
    readonly plan: DaemonPassPlan,
    private readonly swift: Swift,
  ) {}

  get name(): string {
    return this.plan.fault;
  }

  async apply(): Promise<Applied> {
    const out = await this.swift.runOnce(this.plan.daemon);
    return { target: `object-store/${this.plan.daemon}`, detail: { report: summary(out) } };
  }

  /** A pass cannot be undone: healing it records that nothing was done. */
  async heal(): Promise<Applied> {
    return { target: `object-store/${this.plan.daemon}`, detail: {} };
  }
}
