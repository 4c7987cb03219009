// The s3-front itself answered a share of the registry's PUTs with 503 (envoy's flag FI: its fault filter, not
// the object store) while an HTTP fault was active.
import type { EventOf, LabEvent } from '../core/events/schema.ts';
import { activeAt, faultWindows } from '../core/fault-windows.ts';
import { symptom } from './check.ts';

/** The s3-front's PUTs while an HTTP fault was active. */
export function putsDuringHttpFault(events: readonly LabEvent[]): EventOf<'access'>[] {
  const windows = faultWindows(events).filter((w) => w.kind === 'http-fault');
  return events.filter(
    (e): e is EventOf<'access'> => e.type === 'access' && e.component === 's3-front' && e.method === 'PUT' && activeAt(windows, e.t).length > 0,
  );
}

/** Answered by the s3-front's fault filter: 503 with flag FI. */
export const injected503 = (e: EventOf<'access'>) => e.status === 503 && (e.flags ?? '').split(',').includes('FI');

export default symptom({
  name: 's3-front-injected-503',
  about: "while an HTTP fault was active, the s3-front answered a share of the registry's PUTs with 503 itself (flag FI)",
  run({ events }) {
    const puts = putsDuringHttpFault(events);
    if (puts.length === 0) return { valid: false, evidence: ['the s3-front logged no PUT while an HTTP fault was active'] };
    const injected = puts.filter(injected503);
    return {
      valid: injected.length > 0,
      evidence: [
        `the s3-front answered ${injected.length} of ${puts.length} PUTs with 503 flag FI (its fault filter, not the object store)`,
        ...injected.slice(0, 2).map((e) => `503 FI for PUT ${e.path}`),
      ],
      seqs: injected.map((e) => e.seq),
    };
  },
});
