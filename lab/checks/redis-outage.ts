// What a Redis outage does to the registry: ops before and during the outage (a stopped or paused cache),
// counted by outcome with their median latency, for the two claims the seeds make about it
// (serves-without-redis.ts, down-without-redis.ts).
import type { LabEvent } from '../core/events/schema.ts';
import { activeAt, faultWindows } from '../core/fault-windows.ts';
import { duration } from '../core/history.ts';
import type { Op } from '../ops/history.ts';
import type { Finding } from './check.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function report(label: string, ops: readonly Op[]): string {
  const kinds = [...new Set(ops.map((o) => o.kind))];
  return `${label}: ${kinds
    .map((k) => {
      const of = ops.filter((o) => o.kind === k);
      const ok = of.filter((o) => o.outcome === 'ok').length;
      const down = of.filter((o) => (o.status ?? 0) === 503).length;
      return `${k} median ${(median(of.map((o) => duration(o) ?? 0)) / 1000).toFixed(3)} s (${ok} ok${down ? `, ${down} × 503` : ''}${of.length - ok - down ? `, ${of.length - ok - down} other` : ''})`;
    })
    .join('; ')}`;
}

function split(events: readonly LabEvent[], ops: readonly Op[]): { before: Op[]; during: Op[] } | undefined {
  const outage = faultWindows(events).filter((w) => w.kind === 'process' && w.targets.some((t) => t.component === 'cache'));
  if (outage.length === 0) return undefined;
  const first = outage[0]!.from;
  return { before: ops.filter((o) => o.invokedAt < first), during: ops.filter((o) => activeAt(outage, o.invokedAt).length > 0) };
}

/** Whether the ops during the outage bear a claim out, with the latencies before and during as evidence. */
export function redisClaim(events: readonly LabEvent[], ops: readonly Op[], held: (during: Op[]) => boolean): Finding {
  const s = split(events, ops);
  if (!s || s.during.length === 0) return { valid: false, evidence: ['no op ran while the cache was down'] };
  return { valid: held(s.during), evidence: [report('before the outage', s.before), report('during the outage', s.during)], ops: s.during.map((o) => o.op) };
}
