// Read-your-writes: while no fault is active, a pull of an acknowledged image that was not deleted since
// returns that image. (During a fault, reads may fail honestly; durability still applies.)
import { activeAt, faultWindows } from '../core/fault-windows.ts';
import { imageRef, mayHaveDeleted, opsOf, refOf, type Op } from '../ops/history.ts';
import { invariant } from './check.ts';

export default invariant({
  name: 'read-your-writes',
  about: 'while no fault is active, a pull of an acknowledged image returns that image',
  run({ ops, events }) {
    const windows = faultWindows(events);
    const quiet = (o: Op) => activeAt(windows, o.invokedAt).length === 0 && (o.completedAt === undefined || activeAt(windows, o.completedAt).length === 0);
    const evidence: string[] = [];
    const where: number[] = [];
    let checked = 0;
    for (const push of opsOf(ops, 'push').filter((o) => o.outcome === 'ok')) {
      const ref = imageRef(push);
      const after = ops.filter((o) => o.invokedAt >= push.completedAt! && refOf(o) === ref);
      const deleted = after.find(mayHaveDeleted);
      for (const pull of opsOf(after, 'pull').filter((o) => quiet(o) && (!deleted || o.invokedAt < deleted.invokedAt))) {
        checked++;
        if (pull.outcome === 'ok' && pull.value?.digest === push.value?.digest) continue;
        where.push(pull.op);
        evidence.push(
          `op ${push.op} pushed ${ref}; op ${pull.op} pulled it with no fault active: ${pull.outcome} ${pull.status ?? ''} ${pull.error ?? String(pull.value?.digest)}`.replace(
            /\s+/g,
            ' ',
          ),
        );
      }
    }
    if (evidence.length > 0) return { valid: false, evidence, ops: where };
    if (checked === 0) return { valid: 'unknown', evidence: ['no acknowledged image was read back while no fault was active'] };
    return { valid: true, evidence: [`${checked} reads with no fault active returned what was written`] };
  },
});
