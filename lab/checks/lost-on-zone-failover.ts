// The multisite loss window: images acknowledged on zone za while zb's sync was cut or behind are missing on
// zb when the registry fails over to it (404), and come back once zb's sync has caught up. The evidence names
// the window (from zb's last "caught up" to the failover), the images, and what zb reported meanwhile.
import type { EventOf } from '../core/events/schema.ts';
import { imageRef, opsOf, type OpOf } from '../ops/history.ts';
import { symptom } from './check.ts';
import { secs } from './loss-window.ts';

export default symptom({
  name: 'lost-on-zone-failover',
  about: 'images acknowledged on zone za are missing on zb after a failover while sync lagged, and return once it caught up',
  run({ events, ops }) {
    const failover = events.find((e): e is EventOf<'fault.action'> => e.type === 'fault.action' && e.kind === 'zone-failover');
    if (!failover) return { valid: false, evidence: ['the registry did not fail over to another zone'] };
    const status = events.filter((e): e is EventOf<'replication'> => e.type === 'replication' && e.t < failover.t);
    const behindSince = status.findLast((e, i) => !e.caughtUp && (i === 0 || status[i - 1]!.caughtUp))?.t;
    const caughtUp = events.find((e) => e.type === 'fault.action' && e.kind === 'sync-wait' && e.t > failover.t)?.t;
    const acked = opsOf(ops, 'push').filter((o) => o.outcome === 'ok' && o.completedAt! < failover.t);
    const pulls = (o: OpOf<'push'>, from: number, to = Infinity) =>
      opsOf(ops, 'pull').filter((p) => imageRef(p) === imageRef(o) && p.invokedAt > from && p.invokedAt < to);
    const lost = acked.filter((o) => pulls(o, failover.t, caughtUp).some((p) => p.outcome === 'fail' && p.status === 404));
    const back = lost.filter((o) => caughtUp !== undefined && pulls(o, caughtUp).some((p) => p.outcome === 'ok'));
    const evidence = [
      `loss window: zb ${behindSince !== undefined ? `behind since ${secs(behindSince)}` : 'never reported behind'}, failover to zb at ${secs(failover.t)}; ${lost.length} of ${acked.length} images acknowledged on za missing on zb: ${lost.map((o) => imageRef(o)).join(', ') || 'none'}`,
      ...status
        .slice(-3)
        .map(
          (e) =>
            `${secs(e.t)} zb ${e.caughtUp ? 'caught up' : e.behindShards !== undefined ? `behind on ${e.behindShards} shards` : `not caught up: ${e.error ?? '?'}`}`,
        ),
      caughtUp !== undefined
        ? `after zb caught up (${secs(caughtUp)}): ${back.length} of ${lost.length} pull again`
        : 'zb was not seen to catch up after the failover',
    ];
    return { valid: lost.length > 0 && back.length === lost.length, evidence, ops: lost.map((o) => o.op) };
  },
});
