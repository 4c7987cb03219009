// The cold standby's loss window, as Toolforge would have met it: after a failover, images the active
// registry had acknowledged are missing on the standby (its last sync pass ran before they were pushed), and
// the front, now sending to the standby, answers 404 for them.
import { imageRef } from '../ops/history.ts';
import { symptom } from './check.ts';
import { lossWindow, secs, seenAfter } from './loss-window.ts';

export default symptom({
  name: 'lost-on-failover',
  about: 'after a failover to the standby, images the active registry acknowledged are missing (404 on the standby)',
  run({ events, ops }) {
    const w = lossWindow(ops, events);
    if (!w) return { valid: false, evidence: ['no failover to a standby in this run'] };
    const lost = w.pushes.flatMap((push) => {
      const { seen, pull } = seenAfter(push, ops, w.failover.t);
      return seen === 'missing' ? [{ push, pull: pull! }] : [];
    });
    const standby = String(w.failover.detail.to ?? 'standby');
    const answered = events.filter(
      (e) =>
        e.type === 'access' &&
        e.component === standby &&
        e.status === 404 &&
        e.method === 'GET' &&
        lost.some(({ push }) => e.path === `/v2/${push.args.repo}/manifests/${push.args.tag}`),
    );
    const evidence = lost.map(({ push, pull }) =>
      `${imageRef(push)} acknowledged by op ${push.op} at ${secs(push.completedAt!)}; op ${pull.op} after the failover: HTTP ${pull.status} ${pull.error ?? ''}`.trim(),
    );
    if (lost.length > 0) {
      evidence.unshift(
        `failover at ${secs(w.failover.t)}; last completed sync ${w.last ? `pass ${w.last.pass} started at ${secs(w.last.start)}` : 'none'}; ${lost.length} acknowledged images lost`,
      );
      evidence.push(`${standby} logged ${answered.length} GET 404 for their manifests`);
    }
    return {
      valid: lost.length > 0 && answered.length > 0,
      evidence,
      ops: lost.flatMap(({ push, pull }) => [push.op, pull.op]),
      seqs: answered.map((e) => e.seq),
    };
  },
});
