// What a Redis outage does to the registry: ops before and during the outage (a stopped or paused cache),
// counted by outcome with their median latency. Two claims: the runbook's "only slower", and "health checks
// take the registry down" (every request answered 503).
import type { LabEvent } from '../events/schema.ts';
import { activeAt, faultWindows } from '../history/faults.ts';
import { duration, type Op } from '../history/history.ts';
import type { Finding, Symptom } from './symptom.ts';

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
  const outage = faultWindows(events).filter((w) => w.kind === 'process' && w.target === 'cache');
  if (outage.length === 0) return undefined;
  const first = outage[0]!.from;
  return { before: ops.filter((o) => o.invokedAt < first), during: ops.filter((o) => activeAt(outage, o.invokedAt).length > 0) };
}

function claim(events: readonly LabEvent[], ops: readonly Op[], held: (during: Op[]) => boolean): Finding {
  const s = split(events, ops);
  if (!s || s.during.length === 0) return { seen: false, evidence: ['no op ran while the cache was down'] };
  return { seen: held(s.during), evidence: [report('before the outage', s.before), report('during the outage', s.during)], ops: s.during.map((o) => o.op) };
}

/** The runbook: without Redis the registry goes on serving (perhaps slower). */
export const servesWithoutRedis: Symptom = (events, ops) => claim(events, ops, (during) => during.every((o) => o.outcome === 'ok'));

/** With a health check on Redis, the registry answers 503 to everything while Redis is down. */
export const downWithoutRedis: Symptom = (events, ops) => claim(events, ops, (during) => during.every((o) => o.status === 503));
