// Only small writes stall, as in production: while the fault is active, the s3-front's small PUTs (routed by
// size through the sick link) end 504, while large PUTs of the same uploads go direct and land; a registry op
// writing a blob then fails with a 5xx on a small file.
import type { EventOf } from '../core/events/schema.ts';
import { activeAt, faultWindows } from '../core/fault-windows.ts';
import { symptom } from './check.ts';

/** The s3-front's access lines for PUTs during a fault, by where it sent them (upstream "link" or "direct"). */
const via = (e: EventOf<'access'>, upstream: string) => (e.upstream ?? '').split(' ')[0] === upstream;

export default symptom({
  name: 'small-writes-stall',
  about: "during the fault the s3-front's small PUTs (through the link) end 504 while large PUTs land, and an op fails 5xx",
  run({ events, ops }) {
    const windows = faultWindows(events);
    const puts = events.filter(
      (e): e is EventOf<'access'> => e.type === 'access' && e.component === 's3-front' && e.method === 'PUT' && activeAt(windows, e.t).length > 0,
    );
    const stalled = puts.filter((e) => via(e, 'link') && e.status === 504);
    const landed = puts.filter((e) => via(e, 'direct') && e.status >= 200 && e.status < 300);
    const failed = ops.filter((o) => o.outcome !== 'ok' && (o.status ?? 0) >= 500 && activeAt(windows, o.invokedAt).length > 0);
    const evidence = [
      `during the fault the s3-front timed out ${stalled.length} small PUTs (504 via the link) and passed ${landed.length} large PUTs (2xx, direct)`,
      ...stalled.slice(0, 2).map((e) => `504 ${e.flags && e.flags !== '-' ? `${e.flags} ` : ''}for small PUT ${e.path}`),
      ...landed.slice(0, 2).map((e) => `${e.status} for large PUT ${e.path}`),
      ...failed.map((o) => `op ${o.op} ${o.kind} ended ${o.outcome} with HTTP ${o.status}: ${o.error ?? ''}`.trim()),
    ];
    return {
      valid: stalled.length > 0 && landed.length > 0 && failed.length > 0,
      evidence,
      ops: failed.map((o) => o.op),
      seqs: [...stalled, ...landed].map((e) => e.seq),
    };
  },
});
