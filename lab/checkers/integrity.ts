// Integrity: every byte a pull received matches its digest. The client records, per blob, the digest it
// asked for and the sha256 of what it got; any difference is a violation, whatever the op's outcome.
import type { Op } from '../history/history.ts';
import type { CheckResult } from './check.ts';

export interface PulledBlob {
  digest: string;
  actual: string;
  size: number;
}

export function integrity(ops: readonly Op[]): CheckResult {
  const evidence: string[] = [];
  const where = new Set<number>();
  let checked = 0;
  for (const pull of ops.filter((o) => Array.isArray(o.value?.blobs))) {
    const blobs = (pull.value?.blobs ?? []) as PulledBlob[];
    for (const b of blobs) {
      checked++;
      if (b.actual !== b.digest) where.add(pull.op);
      if (b.actual !== b.digest) evidence.push(`op ${pull.op} (${pull.kind}) ${String(pull.args.repo)}: blob ${b.digest} has sha256 ${b.actual} (${b.size} bytes)`);
    }
  }
  if (evidence.length > 0) return { valid: false, evidence, ops: [...where] };
  if (checked === 0) return { valid: 'unknown', evidence: ['no blob was pulled'] };
  return { valid: true, evidence: [`${checked} pulled blobs match their digests`] };
}
