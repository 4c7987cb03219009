// Loss window of a cold standby refreshed by periodic sync passes: after a failover, exactly the pushes the
// active registry acknowledged after the last completed pass are missing on the standby.
// - acknowledged before that pass started: must pull whole from the standby;
// - invoked after the last pass before the failover ended (or was cut short): must be missing (manifest 404);
// - overlapping a pass: either whole or missing.
// Anything else (a lost image that should be there, one that should not, an image half there) is a violation.
import type { EventOf, LabEvent } from '../core/events/schema.ts';
import { imageRef, opsOf, refOf, type Op, type OpOf } from '../ops/history.ts';
import { invariant, type Finding } from './check.ts';

export interface Pass {
  pass: number;
  start: number;
  end: number;
  ok: boolean;
}

function syncPasses(events: readonly LabEvent[]): Pass[] {
  const open = new Map<number, number>();
  const passes: Pass[] = [];
  for (const e of events) {
    if (e.type !== 'sync') continue;
    if (e.step === 'start') open.set(e.pass, e.t);
    else if (open.has(e.pass)) passes.push({ pass: e.pass, start: open.get(e.pass)!, end: e.t, ok: e.ok === true });
  }
  return passes;
}

export type Seen = 'whole' | 'missing' | 'broken' | 'unknown';

/** What the first definite pull after the failover found of an image. */
export function seenAfter(push: OpOf<'push'>, ops: readonly Op[], failoverAt: number): { seen: Seen; pull?: OpOf<'pull'> } {
  const pull = opsOf(ops, 'pull').find((o) => o.invokedAt >= failoverAt && refOf(o) === imageRef(push) && o.outcome !== 'info' && o.outcome !== undefined);
  if (!pull) return { seen: 'unknown' };
  if (pull.outcome === 'ok' && pull.value?.digest === push.value?.digest) return { seen: 'whole', pull };
  if (pull.outcome === 'fail' && pull.status === 404 && /\/manifests\/.*(MANIFEST_UNKNOWN|NAME_UNKNOWN)/.test(pull.error ?? ''))
    return { seen: 'missing', pull };
  return { seen: 'broken', pull };
}

/** The pushes a registry acknowledged: its own access log answered their manifest PUT with 201. */
function ackedBy(registry: string, ops: readonly Op[], events: readonly LabEvent[]): OpOf<'push'>[] {
  const puts = new Set(events.flatMap((e) => (e.type === 'access' && e.component === registry && e.method === 'PUT' && e.status === 201 ? [e.path] : [])));
  return opsOf(ops, 'push').filter((o) => o.outcome === 'ok' && puts.has(`/v2/${o.args.repo}/manifests/${o.args.tag}`));
}

/** The failover, the last pass that completed before it, and the pushes the active registry acknowledged. */
export function lossWindow(ops: readonly Op[], events: readonly LabEvent[]) {
  const failover = events.find((e): e is EventOf<'fault.action'> => e.type === 'fault.action' && e.kind === 'failover');
  if (!failover) return undefined;
  const before = syncPasses(events).filter((p) => p.end <= failover.t);
  const last = before.filter((p) => p.ok).at(-1);
  const lastEnd = before.at(-1)?.end ?? 0;
  const pushes = ackedBy(String(failover.detail.from ?? 'registry'), ops, events);
  const expected = (o: OpOf<'push'>): 'whole' | 'missing' | 'either' =>
    last && o.completedAt! <= last.start ? 'whole' : o.invokedAt >= lastEnd ? 'missing' : 'either';
  return { failover, last, pushes, expected };
}

/** ms since the run started, as evidence shows it: "4.12 s" */
export const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export default invariant({
  name: 'loss-window',
  about: 'after a failover to a standby fed by sync passes, exactly the pushes acknowledged after the last completed pass are missing',
  run: ({ ops, events }) => lossWindowCheck(ops, events),
});

function lossWindowCheck(ops: readonly Op[], events: readonly LabEvent[]): Finding {
  const w = lossWindow(ops, events);
  if (!w) return { valid: 'unknown', evidence: ['no failover in this run'] };
  if (w.pushes.length === 0) return { valid: 'unknown', evidence: ['the active registry acknowledged no push'] };
  const evidence = [
    w.last
      ? `last completed sync: pass ${w.last.pass}, ${secs(w.last.start)}–${secs(w.last.end)}; failover at ${secs(w.failover.t)}`
      : `no sync pass completed before the failover at ${secs(w.failover.t)}`,
  ];
  const where: number[] = [];
  const lost: string[] = [];
  let unknown = 0;
  for (const push of w.pushes) {
    const want = w.expected(push);
    const { seen, pull } = seenAfter(push, ops, w.failover.t);
    if (seen === 'unknown') unknown++;
    if (seen === 'missing') lost.push(imageRef(push));
    if (seen === 'unknown' || seen === want || (want === 'either' && seen !== 'broken')) continue;
    where.push(push.op, ...(pull ? [pull.op] : []));
    evidence.push(
      `op ${push.op} pushed ${imageRef(push)} (acknowledged at ${secs(push.completedAt!)}): expected ${want} on the standby, op ${pull!.op} found it ${seen}: ${pull!.outcome}${pull!.status ? ` HTTP ${pull!.status}` : ''} ${pull!.error ?? ''}`.trim(),
    );
  }
  evidence.splice(1, 0, `${lost.length} of ${w.pushes.length} acknowledged images missing on the standby${lost.length ? `: ${lost.join(', ')}` : ''}`);
  if (where.length > 0) return { valid: false, evidence, ops: where };
  if (unknown > 0)
    return { valid: 'unknown', evidence: [...evidence, `${unknown} acknowledged images were not pulled from the standby with a definite answer`] };
  return { valid: true, evidence };
}
