// Durability: an acknowledged push (outcome ok) is fully pullable afterwards.
// A later pull that the registry definitely refused (fail), or that returned another manifest, is a violation.
// A pull that ended info (unknown) proves nothing; an acknowledged image never pulled is unknown; a delete of
// the image (of its manifest, or of one of its blobs) ends what durability promises for it.
import { imageRef, mayHaveDeleted, opsOf, refOf } from '../ops/history.ts';
import { invariant, type Finding } from './check.ts';

export default invariant({
  name: 'durability',
  about: 'an acknowledged push pulls back whole until the image is deleted',
  run({ ops }): Finding {
    const evidence: string[] = [];
    /** violations come first: a reader sees them before the images that were fine */
    const violations: string[] = [];
    const where: number[] = [];
    let valid: Finding['valid'] = true;
    const acked = opsOf(ops, 'push').filter((o) => o.outcome === 'ok');
    if (acked.length === 0) return { valid: 'unknown', evidence: ['no push was acknowledged'] };
    for (const push of acked) {
      const ref = imageRef(push);
      // a pull after a delete of the image (one that did not definitely fail) may rightly find nothing
      const deleted = ops.find((o) => mayHaveDeleted(o) && o.invokedAt >= push.completedAt! && refOf(o) === ref);
      const pulls = opsOf(ops, 'pull').filter((o) => o.invokedAt >= push.completedAt! && refOf(o) === ref && (!deleted || o.invokedAt < deleted.invokedAt));
      const lost = pulls.find((p) => p.outcome === 'fail' || (p.outcome === 'ok' && p.value?.digest !== push.value?.digest));
      if (lost) {
        valid = false;
        where.push(lost.op);
        violations.push(
          `op ${push.op} pushed ${ref} (${String(push.value?.digest)}) and got ok; op ${lost.op} pulled it: ${lost.outcome} ${lost.error ?? String(lost.value?.digest)}`,
        );
      } else if (pulls.some((p) => p.outcome === 'ok')) {
        evidence.push(`${ref}: acknowledged by op ${push.op}, pulled intact`);
      } else if (deleted) {
        evidence.push(`${ref}: acknowledged by op ${push.op}, deleted by op ${deleted.op}`);
      } else {
        if (valid === true) valid = 'unknown';
        evidence.push(`${ref}: acknowledged by op ${push.op}, never pulled with a definite answer`);
      }
    }
    return { valid, evidence: [...violations, ...evidence], ...(where.length > 0 && { ops: where }) };
  },
});
