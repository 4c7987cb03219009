// Loss window of a failover to a replica fed by replication: the images it may lack are exactly those
// acknowledged after the last point it was known to hold everything. Two failovers are judged:
// - to a cold standby refreshed by periodic sync passes (fault kind failover): pushes acknowledged before the
//   last completed pass started must pull whole from the standby; pushes invoked after the last pass before the
//   failover ended (or was cut short) must be missing (manifest 404); pushes overlapping a pass: either.
// - to another zone of a multisite object store (fault kind zone-failover): pushes acknowledged before the last
//   sync-wait before the failover started (zb then listed every key za listed) must pull whole from zb; zb goes
//   on syncing after the failover, so any later push may be whole, missing or half there.
// Anything else (a lost image that should be there; for the cold standby, one that should not, or an image half
// there) is a violation.
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

/** The multisite loss window: the zone failover, the last sync-wait that completed before it (zb then listed
 * every key za listed), and the pushes the registry acknowledged on za (before the failover). */
export function zoneLossWindow(ops: readonly Op[], events: readonly LabEvent[]) {
  const failover = events.find((e): e is EventOf<'fault.action'> => e.type === 'fault.action' && e.kind === 'zone-failover');
  if (!failover) return undefined;
  const wait = events.findLast((e): e is EventOf<'fault.action'> => e.type === 'fault.action' && e.kind === 'sync-wait' && e.t <= failover.t);
  // the wait's last listing ran just before its event; everything acknowledged before the wait began is in it
  const synced = wait && { start: wait.t - (Number(wait.detail.waitedMs) || 0), end: wait.t };
  const pushes = opsOf(ops, 'push').filter((o) => o.outcome === 'ok' && o.completedAt! < failover.t);
  const expected = (o: OpOf<'push'>): 'whole' | 'any' => (synced && o.completedAt! <= synced.start ? 'whole' : 'any');
  return { failover, zone: String(failover.detail.to ?? 'zb'), synced, pushes, expected };
}

export default invariant({
  name: 'loss-window',
  about:
    'after a failover (to a standby fed by sync passes, or to another zone), the images missing are exactly those acknowledged after the last point the replica held everything',
  run: ({ ops, events }) => {
    const cold = events.findIndex((e) => e.type === 'fault.action' && e.kind === 'failover');
    const zone = events.findIndex((e) => e.type === 'fault.action' && e.kind === 'zone-failover');
    if (cold < 0 && zone < 0) return { valid: 'unknown', evidence: ['no failover in this run (neither a failover to a standby nor a zone failover)'] };
    return cold >= 0 && (zone < 0 || cold < zone) ? lossWindowCheck(ops, events) : zoneLossWindowCheck(ops, events);
  },
});

/** A zone failover: only the images acknowledged before zb was seen to hold everything are promised. */
function zoneLossWindowCheck(ops: readonly Op[], events: readonly LabEvent[]): Finding {
  const w = zoneLossWindow(ops, events)!;
  if (w.pushes.length === 0) return { valid: 'unknown', evidence: [`no push was acknowledged before the zone failover at ${secs(w.failover.t)}`] };
  if (!w.synced)
    return {
      valid: 'unknown',
      evidence: [
        `zone failover to ${w.zone} at ${secs(w.failover.t)}, and no sync-wait completed before it: no acknowledged image was known to be on ${w.zone}, so none is expected there`,
      ],
    };
  const promised = w.pushes.filter((o) => w.expected(o) === 'whole');
  const evidence = [
    `last sync-wait: ${w.zone} listed every key of za at ${secs(w.synced.end)} (waited from ${secs(w.synced.start)}); zone failover to ${w.zone} at ${secs(w.failover.t)}`,
  ];
  const where: number[] = [];
  const lost: string[] = [];
  let half = 0;
  let unknown = 0;
  for (const push of w.pushes) {
    const { seen, pull } = seenAfter(push, ops, w.failover.t);
    if (seen === 'missing') lost.push(imageRef(push));
    if (seen === 'broken') half++;
    if (w.expected(push) !== 'whole') continue;
    if (seen === 'unknown') unknown++;
    if (seen === 'unknown' || seen === 'whole') continue;
    where.push(push.op, pull!.op);
    evidence.push(
      `op ${push.op} pushed ${imageRef(push)} (acknowledged at ${secs(push.completedAt!)}, before the sync-wait): expected whole on ${w.zone}, op ${pull!.op} found it ${seen}: ${pull!.outcome}${pull!.status ? ` HTTP ${pull!.status}` : ''} ${pull!.error ?? ''}`.trim(),
    );
  }
  evidence.splice(
    1,
    0,
    `${lost.length} of ${w.pushes.length} acknowledged images missing on ${w.zone}${lost.length ? `: ${lost.join(', ')}` : ''}${half ? `, ${half} half there` : ''}; ${promised.length} acknowledged before the sync-wait must be whole, the ${w.pushes.length - promised.length} after it may be whole, missing or half there (${w.zone} goes on syncing)`,
  );
  if (where.length > 0) return { valid: false, evidence, ops: where };
  if (unknown > 0)
    return {
      valid: 'unknown',
      evidence: [...evidence, `${unknown} images acknowledged before the sync-wait were not pulled from ${w.zone} with a definite answer`],
    };
  return { valid: true, evidence };
}

function lossWindowCheck(ops: readonly Op[], events: readonly LabEvent[]): Finding {
  const w = lossWindow(ops, events)!;
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
