// The timeline of a run: component lanes, op spans, fault bands and the marks of violations and symptoms.
// A pure fold over the events; the replay view and the plain text timeline are drawn from it.
import type { LabEvent, Outcome } from '../core/events/schema.ts';
import { faultWindows } from '../core/fault-windows.ts';
import type { Result } from '../core/run-files.ts';
import { hostLanes } from './host-lanes.ts';

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
  /** undefined: never healed; equal to from: a one-shot action */
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

/** What the timeline needs of a verdict: the checks' results with their locations. */
export interface Judged {
  checks: Record<string, Result>;
}

export interface TimelineOptions {
  verdict?: Judged;
  /** the scenario's links, to know which lanes a fault on a link affects */
  links?: Record<string, { from: string; to: string }>;
  /** the time of the event with this seq (marks can point at events the fold did not see) */
  timeOf?: (seq: number) => number | undefined;
  /** the time of the run's last event, when the fold sees only some events */
  end?: number;
  /** the lanes of imported lines folded already (host-lanes.ts), when the events do not include them */
  hostLanes?: readonly Lane[];
}

function lanesOf(events: readonly LabEvent[], imported: readonly Lane[] = []): Lane[] {
  const hosts = hostLanes.start();
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
    } else if ((e.type === 'component.log' || e.type === 'access') && e.host) hostLanes.add(hosts, e, e.t);
    else if (e.type === 'component.log') lane(e.component, e.product).notes.push({ t: e.t, level: e.level });
  }
  return [...lanes.values(), ...hostLanes.lanes(hosts, 0, events.at(-1)?.t), ...imported];
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

/** The lanes of what a fault acts on: its components, and both ends of a link. */
function lanesHit(targets: readonly { component: string; link?: string }[], links: NonNullable<TimelineOptions['links']>): string[] {
  const ends = (link?: string) => (link && links[link] ? [links[link].from, links[link].to].map((end) => end.split(':')[0]!) : []);
  return [...new Set(targets.flatMap((t) => [t.component, ...ends(t.link)]))];
}

function bandsOf(events: readonly LabEvent[], links: TimelineOptions['links'] = {}): Band[] {
  const lasting = faultWindows(events).map((w) => ({ fault: w.fault, from: w.from, to: w.to, lanes: lanesHit(w.targets, links) }));
  const actions = events.flatMap((e) => (e.type === 'fault.action' ? [{ fault: e.fault, from: e.t, to: e.t, lanes: lanesHit(e.targets, links) }] : []));
  return [...lasting, ...actions].sort((a, b) => a.from - b.from);
}

function marksOf(spans: readonly Span[], o: TimelineOptions): Mark[] {
  if (!o.verdict) return [];
  const opTime = new Map(spans.map((s) => [s.op, s.to ?? s.from]));
  const marks: Mark[] = [];
  const at = (kind: Mark['kind'], name: string, text: string, ops: number[] = [], seqs: number[] = []) => {
    const times = [...ops.map((op) => opTime.get(op)), ...seqs.map((s) => o.timeOf?.(s))].filter((t): t is number => t !== undefined);
    for (const t of new Set(times)) marks.push({ t, kind, name, text });
  };
  for (const [name, c] of Object.entries(o.verdict.checks)) {
    if (c.kind === 'invariant' && c.valid === false) at('violation', name, c.evidence[0] ?? name, c.ops);
    if (c.kind === 'symptom' && c.valid === true) at('symptom', name, c.evidence[0] ?? name, c.ops, c.seqs);
  }
  return marks.sort((a, b) => a.t - b.t);
}

export function timeline(events: readonly LabEvent[], o: TimelineOptions = {}): Timeline {
  const spans = spansOf(events);
  return {
    end: Math.max(o.end ?? 0, events.at(-1)?.t ?? 0),
    lanes: lanesOf(events, o.hostLanes),
    spans,
    bands: bandsOf(events, o.links),
    marks: marksOf(spans, o),
  };
}
