// The timeline of a run: component lanes, op spans, fault bands and the marks of violations and symptoms.
// A pure fold over the events; the replay view and the plain text timeline are drawn from it.
import type { CheckResult } from '../checkers/check.ts';
import type { Finding } from '../evidence/symptom.ts';
import { faultWindows } from '../history/faults.ts';
import type { LabEvent, Outcome } from './schema.ts';

export type LaneState = 'starting' | 'running' | 'exited' | 'crashed';

export interface Lane {
  name: string;
  product: string;
  segments: { from: number; state: LaneState }[];
  /** warnings and errors the component logged */
  notes: { t: number; level: 'info' | 'warn' | 'error' }[];
}

export interface Span {
  op: number;
  kind: string;
  from: number;
  /** undefined: never completed */
  to?: number;
  outcome?: Outcome;
  status?: number;
}

export interface Band {
  fault: string;
  from: number;
  to?: number;
  /** the lanes the fault acts on */
  lanes: string[];
}

export interface Mark {
  t: number;
  kind: 'violation' | 'symptom';
  /** the checker or symptom */
  name: string;
  text: string;
}

export interface Timeline {
  end: number;
  lanes: Lane[];
  spans: Span[];
  bands: Band[];
  marks: Mark[];
}

/** What the timeline needs of a verdict: checker results and symptoms with their locations. */
export interface Judged {
  checks: Record<string, CheckResult>;
  symptoms: Record<string, Finding>;
}

export interface TimelineOptions {
  verdict?: Judged;
  /** the scenario's links, to know which lanes a fault on a link affects */
  links?: Record<string, { from: string; to: string }>;
  /** the time of the event with this seq (marks can point at events the fold did not see) */
  timeOf?: (seq: number) => number | undefined;
  /** the time of the run's last event, when the fold sees only some events */
  end?: number;
}

function lanesOf(events: readonly LabEvent[]): Lane[] {
  const lanes = new Map<string, Lane>();
  const lane = (name: string, product: string) => {
    if (!lanes.has(name)) lanes.set(name, { name, product, segments: [], notes: [] });
    return lanes.get(name)!;
  };
  const live = new Map<string, Set<number>>();
  for (const e of events) {
    if (e.type === 'component.starting') {
      const l = lane(e.component, e.product);
      if (l.segments.at(-1)?.state !== 'starting' && l.segments.at(-1)?.state !== 'running') l.segments.push({ from: e.t, state: 'starting' });
      live.set(e.component, (live.get(e.component) ?? new Set()).add(e.pid));
    } else if (e.type === 'component.ready') lane(e.component, e.product).segments.push({ from: e.t, state: 'running' });
    else if (e.type === 'component.exited') {
      const l = lane(e.component, e.product);
      const pids = live.get(e.component);
      pids?.delete(e.pid);
      if (!e.expected) l.segments.push({ from: e.t, state: 'crashed' });
      else if (!pids?.size && l.segments.at(-1)?.state !== 'crashed') l.segments.push({ from: e.t, state: 'exited' });
    } else if (e.type === 'component.log') lane(e.component, e.product).notes.push({ t: e.t, level: e.level });
  }
  return [...lanes.values()];
}

function spansOf(events: readonly LabEvent[]): Span[] {
  const spans = new Map<number, Span>();
  for (const e of events) {
    if (e.type === 'op.invoke') spans.set(e.op, { op: e.op, kind: e.kind, from: e.t });
    else if (e.type === 'op.complete') {
      const s = spans.get(e.op);
      if (s) Object.assign(s, { to: e.t, outcome: e.outcome, status: e.status });
    }
  }
  return [...spans.values()];
}

function bandsOf(events: readonly LabEvent[], links: TimelineOptions['links'] = {}): Band[] {
  return faultWindows(events).map((w) => {
    const [proxy, link] = w.target.split('/');
    const l = link ? links[link] : undefined;
    return { fault: w.fault, from: w.from, to: w.to, lanes: [proxy!, ...(l ? [l.from, l.to.split(':')[0]!] : [])] };
  });
}

function marksOf(spans: readonly Span[], o: TimelineOptions): Mark[] {
  if (!o.verdict) return [];
  const opTime = new Map(spans.map((s) => [s.op, s.to ?? s.from]));
  const marks: Mark[] = [];
  const at = (kind: Mark['kind'], name: string, text: string, ops: number[] = [], seqs: number[] = []) => {
    const times = [...ops.map((op) => opTime.get(op)), ...seqs.map((s) => o.timeOf?.(s))].filter((t): t is number => t !== undefined);
    for (const t of new Set(times)) marks.push({ t, kind, name, text });
  };
  for (const [name, c] of Object.entries(o.verdict.checks)) if (c.valid === false) at('violation', name, c.evidence[0] ?? name, c.ops);
  for (const [name, f] of Object.entries(o.verdict.symptoms)) if (f.seen) at('symptom', name, f.evidence[0] ?? name, f.ops, f.seqs);
  return marks.sort((a, b) => a.t - b.t);
}

export function timeline(events: readonly LabEvent[], o: TimelineOptions = {}): Timeline {
  const spans = spansOf(events);
  return {
    end: Math.max(o.end ?? 0, events.at(-1)?.t ?? 0),
    lanes: lanesOf(events),
    spans,
    bands: bandsOf(events, o.links),
    marks: marksOf(spans, o),
  };
}

/** The events a timeline is folded from; the rest (access lines, HTTP exchanges) are only shown in detail. */
export const TIMELINE_TYPES: ReadonlySet<LabEvent['type']> = new Set([
  'run.started',
  'run.finished',
  'phase',
  'component.starting',
  'component.ready',
  'component.exited',
  'component.log',
  'op.invoke',
  'op.complete',
  'fault.applied',
  'fault.healed',
  'verdict',
]);
