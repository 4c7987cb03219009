// What a fuzz run reached: "sometimes" properties, each a path where the bugs the fuzzer looks for live (a PATCH
// acknowledged while a fault was active, a garbage collection while an upload was open, a read during a fault, a
// restart during an upload). A run that never reached a path did not test it, whatever its verdict says; each is
// counted in cases, from the run's events. Pure.
import type { LabEvent } from '../core/events/schema.ts';
import { activeAt, faultWindows } from '../core/fault-windows.ts';
import { type RawOp, rawHistory } from '../core/history.ts';

export interface CoveragePath {
  name: string;
  about: string;
  /** whether one case's events reach it */
  reached(c: CaseView): boolean;
}

interface CaseView {
  ops: RawOp[];
  /** whether a fault was active at t */
  faulted(t: number): boolean;
  /** whether an upload of the case had started and was not committed at t */
  uploadOpen(t: number): boolean;
}

const READS = new Set(['pull', 'head', 'get-blob', 'head-manifest', 'upload-status']);

export const COVERAGE: readonly CoveragePath[] = [
  {
    name: 'patch-acked-during-fault',
    about: 'a PATCH the registry acknowledged while a fault was active',
    reached: (c) => c.ops.some((o) => o.kind === 'upload-patch' && o.outcome === 'ok' && c.faulted(o.invokedAt)),
  },
  {
    name: 'gc-with-upload-open',
    about: 'a garbage collection that ran while an upload was open (one that failed, as on a store with no blob yet, collected nothing)',
    reached: (c) => c.ops.some((o) => o.kind === 'gc' && o.outcome === 'ok' && c.uploadOpen(o.invokedAt)),
  },
  {
    name: 'read-during-fault',
    about: 'a read (pull, HEAD, GET, upload status) while a fault was active',
    reached: (c) => c.ops.some((o) => READS.has(o.kind) && c.faulted(o.invokedAt)),
  },
  {
    name: 'restart-during-upload',
    about: 'a component restarted while an upload was open',
    reached: (c) => c.ops.some((o) => o.kind === 'restart' && c.uploadOpen(o.invokedAt)),
  },
];

export const COVERAGE_NAMES = COVERAGE.map((p) => p.name);

function view(events: readonly LabEvent[]): CaseView {
  const ops = rawHistory(events);
  const windows = faultWindows(events);
  const uploads = ops
    .filter((o) => o.kind === 'upload-start' && o.outcome === 'ok')
    .map((o) => {
      const commit = ops.find((c) => c.kind === 'upload-commit' && c.args.repo === o.args.repo && c.args.upload === o.args.upload);
      return { from: o.completedAt ?? o.invokedAt, to: commit?.invokedAt ?? Infinity };
    });
  return { ops, faulted: (t) => activeAt(windows, t).length > 0, uploadOpen: (t) => uploads.some((u) => u.from <= t && t < u.to) };
}

/** The events of each case (between its fuzz.case start and end). */
function cases(events: readonly LabEvent[]): LabEvent[][] {
  const out: LabEvent[][] = [];
  let current: LabEvent[] | undefined;
  for (const e of events) {
    if (e.type === 'fuzz.case' && e.step === 'start') out.push((current = []));
    else if (e.type === 'fuzz.case' && e.step === 'end') current = undefined;
    else current?.push(e);
  }
  return out;
}

/** How many cases of the run reached each path, and how many cases there were. */
export function coverage(events: readonly LabEvent[]): { cases: number; reached: Record<string, number> } {
  const views = cases(events).map(view);
  return { cases: views.length, reached: Object.fromEntries(COVERAGE.map((p) => [p.name, views.filter((v) => p.reached(v)).length])) };
}
