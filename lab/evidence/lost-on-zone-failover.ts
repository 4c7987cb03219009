// The multisite loss window: images acknowledged on zone za while zb's sync was cut or behind are missing on
// zb when the registry fails over to it (404), and come back once zb's sync has caught up. The evidence names
// the window (from zb's last "caught up" to the failover), the images, and what zb reported meanwhile.
import type { EventOf } from '../events/schema.ts';
import { secs } from '../checkers/loss-window.ts';
import { imageRef } from '../history/history.ts';
import type { Symptom } from './symptom.ts';

export const lostOnZoneFailover: Symptom = (events, ops) => {
  const failover = events.find((e): e is EventOf<'fault.applied'> => e.type === 'fault.applied' && e.kind === 'zone-failover');
  if (!failover) return { seen: false, evidence: ['the registry did not fail over to another zone'] };
  const status = events.filter((e): e is EventOf<'replication'> => e.type === 'replication' && e.t < failover.t);
  const behindSince = status.findLast((e, i) => !e.caughtUp && (i === 0 || status[i - 1]!.caughtUp))?.t;
  const caughtUp = events.find((e) => e.type === 'fault.applied' && e.kind === 'sync-wait' && e.t > failover.t)?.t;
  const acked = ops.filter((o) => o.kind === 'push' && o.outcome === 'ok' && o.completedAt! < failover.t);
  const pulls = (o: (typeof acked)[number], from: number, to = Infinity) => ops.filter((p) => p.kind === 'pull' && imageRef(p.args) === imageRef(o.args) && p.invokedAt > from && p.invokedAt < to);
  const lost = acked.filter((o) => pulls(o, failover.t, caughtUp).some((p) => p.outcome === 'fail' && p.status === 404));
  const back = lost.filter((o) => caughtUp !== undefined && pulls(o, caughtUp).some((p) => p.outcome === 'ok'));
  const evidence = [
    `loss window: zb ${behindSince !== undefined ? `behind since ${secs(behindSince)}` : 'never reported behind'}, failover to zb at ${secs(failover.t)}; ${lost.length} of ${acked.length} images acknowledged on za missing on zb: ${lost.map((o) => imageRef(o.args)).join(', ') || 'none'}`,
    ...status.slice(-3).map((e) => `${secs(e.t)} zb ${e.caughtUp ? 'caught up' : e.behindShards !== undefined ? `behind on ${e.behindShards} shards` : `not caught up: ${e.error ?? '?'}`}`),
    caughtUp !== undefined ? `after zb caught up (${secs(caughtUp)}): ${back.length} of ${lost.length} pull again` : 'zb was not seen to catch up after the failover',
  ];
  return { seen: lost.length > 0 && back.length === lost.length, evidence, ops: lost.map((o) => o.op) };
};
