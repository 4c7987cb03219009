// A Swift container replica was cut while segments were written: its listing lacks them. The registry then
// reads that listing: the commit fails with BLOB_UPLOAD_INVALID (the size it finds is short) or DIGEST_INVALID
// (the bytes it resumes from are not the ones written), or the commit succeeds and reads of the blob return
// bytes that do not match (a short, or poisoned, listing).
import { targetText } from '../core/events/schema.ts';
import { faultWindows } from '../core/fault-windows.ts';
import { blobsOf } from '../ops/history.ts';
import { symptom } from './check.ts';

export default symptom({
  name: 'stale-container-listing',
  about: 'after a container replica was cut, a commit fails BLOB_UPLOAD_INVALID/DIGEST_INVALID or reads of the blob come back wrong',
  run({ events, ops }) {
    const cuts = faultWindows(events).filter((w) => w.kind === 'link-down');
    if (cuts.length === 0) return { valid: false, evidence: ['no link was cut'] };
    const after = Math.min(...cuts.map((w) => w.from));
    const cut = cuts.flatMap((w) => w.targets.map(targetText)).join(', ');
    const evidence: string[] = [];
    const where: number[] = [];
    for (const o of ops.filter((o) => o.invokedAt > after)) {
      const code = /BLOB_UPLOAD_INVALID|DIGEST_INVALID/.exec(o.error ?? '')?.[0];
      if (o.kind === 'upload-commit' && o.outcome === 'fail' && code) {
        where.push(o.op);
        evidence.push(
          `op ${o.op} commit of upload ${o.args.upload}: HTTP ${o.status} ${code}: the registry read a listing without the segments written while ${cut} was cut`,
        );
      }
      for (const b of blobsOf(o).filter((b) => b.actual !== b.digest)) {
        where.push(o.op);
        evidence.push(`op ${o.op} ${o.kind} ${b.digest.slice(0, 19)}…: 200 with ${b.size} bytes whose sha256 is ${b.actual.slice(0, 19)}…`);
      }
    }
    return { valid: evidence.length > 0, evidence, ops: where };
  },
});
