// `lab compare`: a run's evidence chain held link by link against another run, usually imported production logs.
// Each symptom the run's scenario expects (and each invariant it expects violated) is judged on both runs. A link
// is made for the other run of what that run can have: where it has no ops (imported logs), a clause about ops
// reads the registry front's access lines instead (what the client got is what the front answered), and where
// it lacks the faults a clause is timed by, the timing is dropped. Pure.
import { judge } from '../checks/verdict.ts';
import type { EvidenceSpec } from '../checks/evidence.ts';
import type { LabEvent } from '../core/events/schema.ts';
import { faultWindows } from '../core/fault-windows.ts';
import type { Result, RunJson } from '../core/run-files.ts';

type Definition = RunJson['definition'];
type Clause = Record<string, unknown>;

export interface Side {
  valid: Result['valid'];
  /** the first line of its evidence */
  said: string;
  /** what the link selected there: how many lines and ops, on which hosts and components, with which statuses */
  lines: number;
  ops: number;
  hosts: string[];
  components: string[];
  statuses: number[];
  medianMs?: number;
}

export interface Link {
  name: string;
  about: string;
  here: Side;
  there: Side;
  matches: boolean;
  /** what differs between the two, in words */
  differs: string[];
}

const TIMING = ['during', 'before', 'after'] as const;

/** A clause as the other run can be asked it; what could not be compared is said in `changed`. */
function relaxClause(c: Clause, faults: ReadonlySet<string>, hasOps: boolean, changed: string[]): Clause {
  const untime = (m: Clause) => {
    const out = { ...m };
    for (const k of TIMING) {
      const v = out[k];
      const known = typeof v === 'string' ? (v === '*' ? faults.size > 0 : faults.has(v)) : hasOps;
      if (v !== undefined && !known) {
        delete out[k];
        changed.push(`${k} ${typeof v === 'string' ? v : 'an op'} not compared`);
      }
    }
    return out;
  };
  const list = (v: unknown) => [v].flat() as Clause[];
  if (c.ops !== undefined && !hasOps) {
    const { ops, every: _every, ...rest } = c;
    changed.push('ops read as the registry front\u2019s access lines');
    const front = (o: Clause) => ({
      component: 'registry-front',
      ...Object.fromEntries(['status', ...TIMING].flatMap((k) => (o[k] === undefined ? [] : [[k, o[k]]]))),
    });
    return { ...rest, events: list(ops).map((o) => untime(front(o))) };
  }
  return c.events !== undefined ? { ...c, events: list(c.events).map(untime) } : { ...c, ops: list(c.ops).map(untime) };
}

function relax(spec: EvidenceSpec, faults: ReadonlySet<string>, hasOps: boolean): { spec: EvidenceSpec; changed: string[] } {
  const changed: string[] = [];
  const one = (c: unknown) => relaxClause(c as Clause, faults, hasOps, changed);
  const group = spec.all ? 'all' : spec.any ? 'any' : undefined;
  const relaxed = group ? { ...spec, [group]: Object.fromEntries(Object.entries(spec[group]!).map(([k, c]) => [k, one(c)])) } : { ...spec, ...one(spec) };
  return { spec: relaxed as EvidenceSpec, changed: [...new Set(changed)] };
}

function side(r: Result | undefined, events: readonly LabEvent[]): Side {
  // a run's seq is its event's index in the log
  const selected = (r?.seqs ?? []).flatMap((s) => (events[s]?.seq === s ? [events[s]!] : []));
  const access = selected.flatMap((e) => (e.type === 'access' ? [e] : []));
  const ops = new Set(r?.ops ?? []);
  const completed = events.flatMap((e) => (e.type === 'op.complete' && ops.has(e.op) && e.status !== undefined ? [e.status] : []));
  const ms = access.flatMap((e) => (e.durationMs === undefined ? [] : [e.durationMs])).sort((a, b) => a - b);
  const uniq = <T>(xs: T[]) => [...new Set(xs)].sort();
  return {
    valid: r?.valid ?? 'unknown',
    said: r?.evidence[0] ?? 'no evidence',
    lines: selected.length,
    ops: ops.size,
    hosts: uniq(selected.flatMap((e) => ('host' in e && e.host ? [e.host] : []))),
    components: uniq(selected.flatMap((e) => ('component' in e ? [e.component] : []))),
    statuses: uniq([...access.map((e) => e.status), ...completed]),
    ...(ms.length > 0 && { medianMs: ms[Math.floor(ms.length / 2)]! }),
  };
}

/** The links of `definition`'s chain, each judged on the run's events and on the other's. */
export function compareRuns(definition: Definition, here: readonly LabEvent[], there: readonly LabEvent[]): Link[] {
  const names = [...definition.expect.reproduced, ...definition.expect.violated];
  const mine = judge(definition, here);
  const faults = new Set(faultWindows(there).map((w) => w.fault));
  const hasOps = there.some((e) => e.type === 'op.invoke');
  const notes: Record<string, string[]> = {};
  const evidence = Object.fromEntries(
    Object.entries(definition.evidence as Record<string, EvidenceSpec>).map(([n, spec]) => {
      const r = relax(spec, faults, hasOps);
      notes[n] = r.changed;
      return [n, r.spec];
    }),
  );
  const theirs = judge({ ...definition, evidence }, there);
  return names.map((name) => {
    const h = side(mine.checks[name], here);
    const t = side(theirs.checks[name], there);
    // a symptom is to be seen (true), an invariant the scenario breaks to be violated (false)
    const wanted = !definition.expect.violated.includes(name);
    const differs = [...(notes[name] ?? [])];
    if (h.statuses.join() !== t.statuses.join() && h.statuses.length && t.statuses.length)
      differs.push(`status here ${h.statuses.join(', ')}, there ${t.statuses.join(', ')}`);
    // (an op is no component's line: components are compared where both sides are lines)
    if (h.components.join() !== t.components.join() && h.components.length && t.components.length && !h.ops && !t.ops)
      differs.push(`components here ${h.components.join(', ')}, there ${t.components.join(', ')}`);
    if (h.medianMs !== undefined && t.medianMs !== undefined && Math.abs(h.medianMs - t.medianMs) > Math.max(100, 0.2 * h.medianMs))
      differs.push(`median duration here ${(h.medianMs / 1000).toFixed(2)} s, there ${(t.medianMs / 1000).toFixed(2)} s`);
    const about = (definition.evidence as Record<string, { about?: string }>)[name]?.about ?? name;
    return { name, about, here: h, there: t, matches: h.valid === wanted && t.valid === wanted, differs };
  });
}
