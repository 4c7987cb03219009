// The cold standby's loss window, as Toolforge would have met it: after a failover, images the active
// registry had acknowledged are missing on the standby (its last sync pass ran before they were pushed), and
// the front, now sending to the standby, answers 404 for them.
import { lossWindow, secs, seenAfter } from '../checkers/loss-window.ts';
import { imageRef } from '../history/history.ts';
import type { Symptom } from './symptom.ts';

export const lostOnFailover: Symptom = (events, ops) => {
  const w = lossWindow(ops, events);
  if (!w) return { seen: false, evidence: ['no failover in this run'] };
  const lost = w.pushes.flatMap((push) => {
    const { seen, pull } = seenAfter(push, ops, w.failover.t);
    return seen === 'missing' ? [{ push, pull: pull! }] : [];
  });
  const standby = String(w.failover.detail.to ?? 'standby');
  const answered = events.filter((e) => e.type === 'access' && e.component === standby && e.status === 404 && e.method === 'GET' && lost.some(({ push }) => e.path === `/v2/${String(push.args.repo)}/manifests/${String(push.args.tag)}`));
  const evidence = lost.map(({ push, pull }) => `${imageRef(push.args)} acknowledged by op ${push.op} at ${secs(push.completedAt!)}; op ${pull.op} after the failover: HTTP ${pull.status} ${pull.error ?? ''}`.trim());
  if (lost.length > 0) {
    evidence.unshift(`failover at ${secs(w.failover.t)}; last completed sync ${w.last ? `pass ${w.last.pass} started at ${secs(w.last.start)}` : 'none'}; ${lost.length} acknowledged images lost`);
    evidence.push(`${standby} logged ${answered.length} GET 404 for their manifests`);
  }
  return { seen: lost.length > 0 && answered.length > 0, evidence, ops: lost.flatMap(({ push, pull }) => [push.op, pull.op]), seqs: answered.map((e) => e.seq) };
};
