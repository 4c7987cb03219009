// The object store has no trace of the PUTs the S3 front timed out on (from the moment they were sent),
// although it logged other requests.
import { symptom } from './check.ts';
import { idleTimeoutPuts } from './s3-front-idle-timeout-504.ts';

export default symptom({
  name: 'object-store-silent',
  about: 'the object store logged no request for the PUTs the s3-front timed out on (it logged others)',
  run({ events }) {
    const puts = idleTimeoutPuts(events);
    const stalled = new Set(puts.map((e) => e.path));
    const seen = events.filter((e) => e.type === 'access' && e.component === 'object-store');
    if (stalled.size === 0) return { valid: false, evidence: ['no PUT timed out at the s3-front'] };
    if (seen.length === 0) return { valid: false, evidence: ['the object store logged no request at all: its log was not captured'] };
    const evidence: string[] = [];
    let silent = 0;
    for (const path of stalled) {
      // only a trace from after the first stalled request began counts (the same path may have been written before)
      const first = puts.find((p) => p.path === path)!;
      const from = first.t - (first.durationMs ?? 0);
      const traces = seen.filter((e) => e.type === 'access' && e.path === path && e.t >= from);
      if (traces.length === 0) silent++;
      evidence.push(
        traces.length === 0
          ? `object store logged no request for ${path} (it logged ${seen.length} others)`
          : `object store logged ${traces.length} request(s) for ${path}`,
      );
    }
    return { valid: silent === stalled.size, evidence, seqs: puts.map((p) => p.seq) };
  },
});
