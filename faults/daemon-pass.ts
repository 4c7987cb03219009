// One pass of a Swift background daemon (object-updater: async pendings; container-replicator: lost listing
// updates) over every server of its kind: a healing step, recorded with what the daemon reported.
import type { Swift } from '../lab/components/swift.ts';
import type { Applied, FaultEffect } from './fault.ts';

export type Daemon = 'object-updater' | 'container-replicator';

/** The lines of a daemon's output that say what it did. */
export function summary(output: string): string[] {
  return output.split('\n').filter((l) => /successes|failures|Object update|replication|complete/i.test(l)).map((l) => l.trim()).slice(0, 12);
}

export class DaemonPassEffect implements FaultEffect {
  readonly kind = 'daemon-pass';

  constructor(
    readonly name: string,
    readonly daemon: Daemon,
    private readonly swift: Swift,
  ) {}

  async apply(): Promise<Applied> {
    return { target: `object-store/${this.daemon}`, detail: { report: summary(await this.swift.runOnce(this.daemon)) } };
  }

  /** A pass cannot be undone: healing it records that nothing was done. */
  async heal(): Promise<Applied> {
    return { target: `object-store/${this.daemon}`, detail: {} };
  }
}
