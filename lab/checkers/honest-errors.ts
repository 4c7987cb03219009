// Honest errors: a 2xx is never given for data the store did not keep. An upload whose PATCH was acknowledged
// (202 with its Range) must still hold those bytes: a later commit or status that finds the upload gone, or
// shorter than acknowledged, shows the acknowledgement was not true. And a blob the garbage collector deleted
// must not be answered 200 by a later HEAD (a cache describing what is gone).
import type { Op } from '../history/history.ts';
import type { CheckResult } from './check.ts';

export function honestErrors(ops: readonly Op[]): CheckResult {
  const evidence: string[] = [];
  const where: number[] = [];
  let checked = 0;
  for (const later of ops.filter((o) => (o.kind === 'upload-commit' || o.kind === 'upload-status') && o.outcome !== 'info')) {
    const upload = later.args.upload;
    const acked = ops.filter((o) => o.kind === 'upload-patch' && o.args.upload === upload && o.outcome === 'ok' && o.completedAt! <= later.invokedAt);
    const end = Math.max(-1, ...acked.map((o) => Number(o.value?.end ?? -1)));
    if (end < 0) continue;
    checked++;
    const held = later.outcome === 'ok' ? Number(later.value?.end ?? end) : -1;
    if (held >= end) continue;
    const patch = acked.find((o) => Number(o.value?.end) === end)!;
    where.push(later.op);
    evidence.push(
      `op ${patch.op} PATCH of upload ${String(upload)} got 202 with Range 0-${end}; op ${later.op} ${later.kind} then found ${later.outcome === 'ok' ? `only 0-${held}` : (later.error ?? 'nothing').split(': ').pop()}: the acknowledged bytes were not kept`,
    );
  }
  // a blob the garbage collector deleted is not there any more: a HEAD that says it exists is not true
  for (const collect of ops.filter((o) => o.kind === 'gc' && o.outcome === 'ok')) {
    const deleted = new Set((collect.value?.deleted ?? []) as string[]);
    for (const head of ops.filter((o) => o.kind === 'head' && o.invokedAt >= collect.completedAt! && deleted.has(String(o.args.digest)))) {
      const again = ops.some((o) => (o.kind === 'push' || o.kind === 'upload-commit') && o.invokedAt > collect.completedAt! && o.invokedAt < head.invokedAt);
      if (again || head.outcome !== 'ok') continue;
      checked++;
      if (head.value?.exists !== true) continue;
      where.push(head.op);
      evidence.push(`op ${collect.op} gc deleted ${String(head.args.digest)}; op ${head.op} HEAD ${String(head.args.repo)} still got 200 for it`);
    }
  }
  if (evidence.length > 0) return { valid: false, evidence, ops: where };
  if (checked === 0) return { valid: 'unknown', evidence: ['no acknowledged upload or collected blob was looked at again'] };
  return { valid: true, evidence: [`${checked} looks at acknowledged uploads and collected blobs found what was claimed`] };
}
