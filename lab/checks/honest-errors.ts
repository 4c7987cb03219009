// Honest errors: a 2xx is never given for data the store did not keep. An upload whose PATCH was acknowledged
// (202 with its Range) must still hold those bytes: a later commit or status that finds the upload gone, or
// shorter than acknowledged, shows the acknowledgement was not true. And a blob the garbage collector deleted
// must not be answered 200 by a later HEAD (a cache describing what is gone). Uploads are told apart by their
// repository and number: every case of a fuzz run has its own.
import { opsOf } from '../ops/history.ts';
import { invariant } from './check.ts';

export default invariant({
  name: 'honest-errors',
  about: 'no 2xx for data the store did not keep (acknowledged upload bytes, collected blobs)',
  run({ ops }) {
    const evidence: string[] = [];
    const where: number[] = [];
    let checked = 0;
    const later = [...opsOf(ops, 'upload-commit'), ...opsOf(ops, 'upload-status')].filter((o) => o.outcome !== 'info').sort((a, b) => a.op - b.op);
    for (const look of later) {
      const { repo, upload } = look.args;
      const acked = opsOf(ops, 'upload-patch').filter(
        (o) => o.args.repo === repo && o.args.upload === upload && o.outcome === 'ok' && o.completedAt! <= look.invokedAt,
      );
      const end = Math.max(-1, ...acked.map((o) => o.value?.end ?? -1));
      if (end < 0) continue;
      checked++;
      const held = look.outcome === 'ok' ? (look.value?.end ?? end) : -1;
      if (held >= end) continue;
      const patch = acked.find((o) => o.value?.end === end)!;
      where.push(look.op);
      evidence.push(
        `op ${patch.op} PATCH of upload ${upload} (${repo}) got 202 with Range 0-${end}; op ${look.op} ${look.kind} then found ${look.outcome === 'ok' ? `only 0-${held}` : (look.error ?? 'nothing').split(': ').pop()}: the acknowledged bytes were not kept`,
      );
    }
    // a blob the garbage collector deleted is not there any more: a HEAD that says it exists is not true
    for (const collect of opsOf(ops, 'gc').filter((o) => o.outcome === 'ok')) {
      const deleted = new Set(collect.value?.deleted ?? []);
      for (const head of opsOf(ops, 'head').filter((o) => o.invokedAt >= collect.completedAt! && deleted.has(o.args.digest))) {
        const again = ops.some((o) => (o.kind === 'push' || o.kind === 'upload-commit') && o.invokedAt > collect.completedAt! && o.invokedAt < head.invokedAt);
        if (again || head.outcome !== 'ok') continue;
        checked++;
        if (head.value?.exists !== true) continue;
        where.push(head.op);
        evidence.push(`op ${collect.op} gc deleted ${head.args.digest}; op ${head.op} HEAD ${head.args.repo} still got 200 for it`);
      }
    }
    if (evidence.length > 0) return { valid: false, evidence, ops: where };
    if (checked === 0) return { valid: 'unknown', evidence: ['no acknowledged upload or collected blob was looked at again'] };
    return { valid: true, evidence: [`${checked} looks at acknowledged uploads and collected blobs found what was claimed`] };
  },
});
