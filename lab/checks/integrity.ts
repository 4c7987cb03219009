// Integrity: every byte a pull received matches its digest. The client records, per blob, the digest it
// asked for and the sha256 of what it got; any difference is a violation, whatever the op's outcome.
import { blobsOf } from '../ops/history.ts';
import { invariant } from './check.ts';

export default invariant({
  name: 'integrity',
  about: 'every byte a pull received matches its digest',
  run({ ops }) {
    const evidence: string[] = [];
    const where = new Set<number>();
    let checked = 0;
    for (const pull of ops) {
      for (const b of blobsOf(pull)) {
        checked++;
        if (b.actual === b.digest) continue;
        where.add(pull.op);
        evidence.push(`op ${pull.op} (${pull.kind}) ${(pull.args as { repo?: string }).repo}: blob ${b.digest} has sha256 ${b.actual} (${b.size} bytes)`);
      }
    }
    if (evidence.length > 0) return { valid: false, evidence, ops: [...where] };
    if (checked === 0) return { valid: 'unknown', evidence: ['no blob was pulled'] };
    return { valid: true, evidence: [`${checked} pulled blobs match their digests`] };
  },
});
