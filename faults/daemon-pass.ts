// One pass of a Swift background daemon (object-updater: async pendings; container-replicator: lost listing
// updates) over every server of its kind: a healing step, recorded with what the daemon reported.
import { z } from 'zod';
import { DAEMONS, type Daemon } from '../lab/products/capabilities.ts';
import { action, type Plan } from './fault.ts';

/** The lines of a daemon's output that say what it did. */
export function summary(output: string): string[] {
  return output
    .split('\n')
    .filter((l) => /successes|failures|Object update|replication|complete/i.test(l))
    .map((l) => l.trim())
    .slice(0, 12);
}

export default action({
  name: 'daemon-pass',
  about: "one pass of the object store's background daemon (Swift's object-updater or container-replicator)",
  spec: z.object({ daemon: z.enum(['object-updater', 'container-replicator']).describe('the Swift daemon run once') }).strict(),
  needs: () => [{ role: 'object-store', capability: DAEMONS, for: 'a daemon pass' }],
  plan: (fault, s): Plan & { daemon: Daemon } => ({ fault, targets: [{ component: 'object-store', resource: s.daemon }], daemon: s.daemon }),
  effect: (plan, stack) => ({ run: async () => ({ report: summary(await stack.capable('object-store', DAEMONS).runOnce(plan.daemon)) }) }),
});
