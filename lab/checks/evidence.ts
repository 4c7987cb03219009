// Evidence as data: the links of an incident's evidence chain, written in its scenario file. An evidence is one
// clause, or clauses of which all (`all`) or any (`any`) must be seen. A clause selects events or ops by their
// fields and by when they happened (during, before or after a named fault), keeps those that share a path or an
// image with what another clause selected (`join`), and asks how many there are (`count`, at least one unless
// told) or that every one of them be so (`every`).
import { z } from 'zod';
import { describe } from '../core/events/describe.ts';
import type { EventOf, LabEvent } from '../core/events/schema.ts';
import { faultWindows } from '../core/fault-windows.ts';
import { compiled, pattern } from '../core/pattern.ts';
import { duration } from '../core/history.ts';
import { OP_KINDS } from '../ops/index.ts';
import { blobsOf, refOf, type Op } from '../ops/history.ts';
import { symptom, type Check, type CheckInput, type Finding } from './check.ts';

const oneOrMore = <T extends z.ZodTypeAny>(s: T) => z.union([s, z.array(s).nonempty()]);
const code = z.number().int().min(100).max(599);
/** 504, [500, 503], or a class: '5xx' */
const status = z.union([code, z.array(code).nonempty(), z.enum(['1xx', '2xx', '3xx', '4xx', '5xx'])]);
const opKind = z.string().superRefine((k, ctx) => {
  if (!OP_KINDS.has(k)) ctx.addIssue({ code: 'custom', message: `unknown op kind "${k}"; known: ${OP_KINDS.names.join(', ')}` });
});
/** a fault's name, or `{ op: kind }`: the first op of that kind */
const moment = z.union([z.string(), z.object({ op: opKind }).strict()]);
const when = {
  during: z.string().optional().describe("while the named lasting fault was active ('*': any fault); an op: invoked then"),
  before: moment.optional().describe('before the named fault was first applied or done, or `{ op: kind }` the first such op began; an op: acknowledged before'),
  after: moment
    .optional()
    .describe('after the named fault was first healed, or the action done, or `{ op: kind }` the first such op ended; an op: invoked after'),
};
const fields = {
  status: status.optional().describe("the HTTP status: 504, [500, 503], or a class '5xx'"),
  flag: z.string().optional().describe('a response flag among those the access line logged (envoy: SI stream idle timeout, FI injected fault, UT …)'),
  method: oneOrMore(z.string()).optional().describe('the HTTP method, or a list'),
  path: pattern.optional().describe('a regular expression the request path (with its query) matches'),
  upstream: pattern.optional().describe('where the proxy sent it: `link …` (through the faultable link) or `direct …`'),
  line: pattern.optional().describe('component.log: a regular expression the log line matches'),
  outcome: oneOrMore(z.enum(['ok', 'fail', 'info', 'pending']))
    .optional()
    .describe('ops: how it ended (info: unknown, e.g. a 5xx or timeout after sending); pending: never did'),
  error: pattern.optional().describe("ops: a regular expression the op's error matches"),
  intact: z.boolean().optional().describe('ops: false when a blob it read back hashed to another digest'),
};
const eventMatch = z
  .object({
    type: z
      .enum(['access', 'component.log', 'http'])
      .default('access')
      .describe("access: a component's access log line; component.log: a warning or error it logged; http: the lab client's own request"),
    component: z.string().optional().describe('the role whose log it is'),
    product: z.string().optional().describe('the product filling that role'),
    ...fields,
    ...when,
  })
  .strict();
const opMatch = z.object({ kind: oneOrMore(opKind).optional().describe('the op kind, or a list'), ...fields, ...when }).strict();

const clauseShape = {
  events: oneOrMore(eventMatch).optional().describe('select events (a selector, or a list of which any may match)'),
  ops: oneOrMore(opMatch).optional().describe('select ops of the history (likewise)'),
  join: z
    .object({ with: z.string(), on: z.enum(['path', 'image', 'repo']), since: z.enum(['start', 'after']).optional() })
    .strict()
    .optional()
    .describe(
      'keep only what shares the `on` key with what `with` selected (a clause beside this one, or a single-clause evidence); `since`: only what ended after the other began (start) or ended (after)',
    ),
  count: z
    .object({ min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() })
    .strict()
    .optional()
    .describe('how many it needs: at least 1 unless told; with only `max`, from 0. `{ max: 0 }`: none (and the log it reads must hold something)'),
  every: z.object(fields).strict().optional().describe('what every selected one must also be (and at least one is selected)'),
};

function oneSelector(c: { events?: unknown; ops?: unknown }, ctx: z.RefinementCtx) {
  if ((c.events === undefined) === (c.ops === undefined)) ctx.addIssue({ code: 'custom', message: 'a clause selects either events or ops' });
}
const clause = z.object(clauseShape).strict().superRefine(oneSelector);

export const evidenceSchema = z
  .object({
    about: z.string().min(1).describe('one line: what this link of the evidence chain says'),
    ...clauseShape,
    all: z.record(clause).optional().describe('named clauses that must all be seen (instead of one clause)'),
    any: z.record(clause).optional().describe('named clauses of which one must be seen'),
  })
  .strict()
  .superRefine((e, ctx) => {
    const group = e.all ?? e.any;
    if (e.all && e.any) ctx.addIssue({ code: 'custom', message: 'either all or any, not both' });
    else if (group) {
      if (Object.keys(group).length === 0) ctx.addIssue({ code: 'custom', message: 'names no clause' });
      const own = (['events', 'ops', 'join', 'count', 'every'] as const).filter((k) => e[k] !== undefined);
      if (own.length) ctx.addIssue({ code: 'custom', path: [own[0]!], message: `belongs in one of the clauses of ${e.all ? 'all' : 'any'}` });
    } else oneSelector(e, ctx);
  });

export type EvidenceSpec = z.output<typeof evidenceSchema>;
type Clause = z.output<typeof clause>;
type When = Pick<Clause & z.output<typeof eventMatch>, 'during' | 'before' | 'after'>;

/** The clauses of an evidence by label (a single-clause evidence is its own, under its name). */
export function clausesOf(name: string, e: EvidenceSpec): [string, Clause][] {
  return Object.entries(e.all ?? e.any ?? { [name]: e });
}

/** The faults, evidences and siblings an evidence names: for the scenario's rules. */
export function namesIn(name: string, e: EvidenceSpec): { path: string; fault?: string; joins?: string }[] {
  return clausesOf(name, e).flatMap(([label, c]) => {
    const at = e.all ? `all.${label}.` : e.any ? `any.${label}.` : '';
    const matches = [c.events ?? c.ops ?? []].flat() as When[];
    return [
      ...matches.flatMap((m, i) =>
        (['during', 'before', 'after'] as const).flatMap((k) => {
          const v = m[k];
          return typeof v === 'string' && v !== '*'
            ? [{ path: `${at}${c.events ? 'events' : 'ops'}${Array.isArray(c.events ?? c.ops) ? `[${i}]` : ''}.${k}`, fault: v }]
            : [];
        }),
      ),
      ...(c.join ? [{ path: `${at}join.with`, joins: c.join.with }] : []),
    ];
  });
}

// --- judging --------------------------------------------------------------------------------------------------

/** What a clause selected, in one shape: when it began and ended, its keys, and a line for the evidence. */
interface Seen {
  start: number;
  end: number;
  keys: { path?: string; image?: string; repo?: string };
  text: string;
  /** the event or op itself, for `every` */
  item: Record<string, unknown>;
  seq?: number;
  op?: Op;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** An evidence line without the long opaque query strings of upload URLs (`?_state=…`). */
const short = (line: string) => line.replace(/\?[^\s:]{40,}/g, '?…');

function statusIs(s: z.output<typeof status>, got: number | undefined): boolean {
  if (got === undefined) return false;
  if (typeof s === 'number') return got === s;
  if (Array.isArray(s)) return s.includes(got);
  return Math.floor(got / 100) === Number(s[0]);
}

/** Each pattern compiled once, however many events it is tried on. */
const patterns = new Map<string, RegExp>();
const re = (src: string) => patterns.get(src) ?? patterns.set(src, compiled(src)).get(src)!;
const anyOf = <T>(v: T | readonly T[]) => [v].flat() as T[];

/** Whether an event or an op has the fields asked (a field it does not have does not match). */
function hasFields(f: z.output<z.ZodObject<typeof fields>>, x: Record<string, unknown>, op?: Op): boolean {
  const text = (k: string) => (typeof x[k] === 'string' ? (x[k] as string) : undefined);
  if (f.status !== undefined && !statusIs(f.status, x.status as number | undefined)) return false;
  if (f.flag !== undefined && !(text('flags') ?? '').split(',').includes(f.flag)) return false;
  if (f.method !== undefined && !anyOf(f.method).includes(text('method') ?? '')) return false;
  for (const k of ['path', 'upstream', 'line', 'error'] as const) {
    const v = text(k);
    if (f[k] !== undefined && (v === undefined || !re(f[k]!).test(v))) return false;
  }
  if (f.outcome !== undefined && !anyOf<string>(f.outcome).includes((x.outcome as string | undefined) ?? 'pending')) return false;
  if (f.intact !== undefined && (!op || blobsOf(op).every((b) => b.actual === b.digest) !== f.intact)) return false;
  return true;
}

/** When things happened in this run, for during/before/after. */
function timesOf(events: readonly LabEvent[], ops: readonly Op[]) {
  const windows = faultWindows(events);
  const actions = events.filter((e): e is EventOf<'fault.action'> => e.type === 'fault.action');
  const at = (m: z.output<typeof moment>, edge: 'before' | 'after'): number | string => {
    if (typeof m !== 'string') {
      const o = ops.find((o) => o.kind === m.op);
      if (!o) return `no ${m.op} op ran`;
      return edge === 'before' ? o.invokedAt : (o.completedAt ?? Infinity);
    }
    const w = windows.find((w) => w.fault === m);
    if (w) return edge === 'before' ? w.from : (w.to ?? Infinity);
    const a = actions.find((a) => a.fault === m);
    return a ? a.t : `fault ${m} was not applied in this run`;
  };
  /** whether [start, end] is inside the clause's time, or why it cannot be said */
  return (w: When): ((start: number, end: number) => boolean) | string => {
    const during = w.during === undefined ? undefined : windows.filter((x) => w.during === '*' || x.fault === w.during);
    if (during?.length === 0) return w.during === '*' ? 'no fault was active in this run' : `fault ${w.during} was not applied in this run`;
    const before = w.before === undefined ? Infinity : at(w.before, 'before');
    const after = w.after === undefined ? -Infinity : at(w.after, 'after');
    if (typeof before === 'string') return before;
    if (typeof after === 'string') return after;
    return (start, end) => end < before && start >= after && (!during || during.some((x) => x.from <= start && (x.to === undefined || start < x.to)));
  };
}

function whenText(w: When): string {
  const m = (v: z.output<typeof moment>) => (typeof v === 'string' ? v : `the first ${v.op}`);
  return [w.during && (w.during === '*' ? 'during a fault' : `during ${w.during}`), w.before && `before ${m(w.before)}`, w.after && `after ${m(w.after)}`]
    .filter(Boolean)
    .join(' ');
}

const ORDER = ['component', 'product', 'kind', 'outcome', 'method', 'status', 'flag', 'path', 'upstream', 'error', 'intact'] as const;

/** A selector as words: "s3-front PUT 504 flag SI requests during rgw-stall". */
function matchText(m: Record<string, unknown>, noun = ''): string {
  const parts = ORDER.flatMap((k) => {
    const v = m[k];
    if (v === undefined) return [];
    if (k === 'intact') return [v ? 'intact' : 'read back wrong'];
    if (k === 'path' || k === 'upstream' || k === 'error') return [`${k} ~ ${String(v)}`];
    return [`${k === 'flag' ? 'flag ' : ''}${anyOf(v).join('|')}`];
  });
  const line = m.line === undefined ? '' : `~ ${String(m.line)}`;
  // ops without a kind: "ops read back wrong"; events: "s3-front PUT 504 requests"
  const [before, after] = m.kind !== undefined ? ['', ''] : noun === 'ops' ? [noun, ''] : ['', noun];
  return [before, ...parts, after, line, whenText(m as When)].filter(Boolean).join(' ');
}

function opLine(o: Op): string {
  const ref = refOf(o);
  const took = duration(o);
  const end = o.outcome ?? 'pending';
  return `op ${o.op} ${o.kind}${ref ? ` ${ref}` : ''} ${end}${o.status ? ` HTTP ${o.status}` : ''}${took !== undefined ? ` after ${secs(took)}` : ''}${o.error ? `: ${o.error}` : ''}`;
}

const NOUN = { access: 'requests', 'component.log': 'log lines', http: "lab client's requests" } as const;

interface Selected {
  seen: Seen[];
  /** what the clause read before its time and fields narrowed it (an empty one: there was nothing to look at) */
  source: number;
  what: string;
  /** why the clause cannot be judged in this run */
  cannot?: string;
}

function select(c: Clause, input: CheckInput, inTime: ReturnType<typeof timesOf>): Selected {
  const what = anyOf(c.events ?? c.ops!)
    .map((m) => matchText(m as Record<string, unknown>, 'type' in m ? NOUN[m.type] : 'ops'))
    .join(', or ');
  const seen: Seen[] = [];
  let source = 0;
  for (const m of anyOf(c.events ?? [])) {
    const time = inTime(m);
    if (typeof time === 'string') return { seen, source, what, cannot: time };
    for (const e of input.events) {
      if (e.type !== m.type) continue;
      const x = e as unknown as Record<string, unknown>;
      if ((m.component && x.component !== m.component) || (m.product && x.product !== m.product)) continue;
      source++;
      const ms = e.type === 'access' ? (e.durationMs ?? 0) : e.type === 'http' ? (e.ms ?? 0) : 0;
      if (!hasFields(m, x) || !time(e.t - ms, e.t)) continue;
      const path = typeof x.path === 'string' ? x.path : undefined;
      seen.push({ start: e.t - ms, end: e.t, keys: { path }, text: `${secs(e.t)} ${describe(e)}`, item: x, seq: e.seq });
    }
  }
  for (const m of anyOf(c.ops ?? [])) {
    const time = inTime(m);
    if (typeof time === 'string') return { seen, source, what, cannot: time };
    for (const o of input.ops) {
      if (m.kind && !anyOf(m.kind).includes(o.kind)) continue;
      source++;
      if (!hasFields(m, o as unknown as Record<string, unknown>, o)) continue;
      // during and after: when it was invoked; before: acknowledged before
      if (!time(o.invokedAt, m.before === undefined ? o.invokedAt : (o.completedAt ?? Infinity))) continue;
      const repo = 'repo' in o.args ? String(o.args.repo) : undefined;
      seen.push({ start: o.invokedAt, end: o.completedAt ?? Infinity, keys: { image: refOf(o), repo }, text: opLine(o), item: o as never, op: o });
    }
  }
  return { seen, source, what };
}

/** At least one, unless a maximum is given: then from none. */
function bounds(c: Clause): { min: number; max: number } {
  const max = c.count?.max ?? Infinity;
  return { min: c.count?.min ?? (c.count?.max === undefined ? 1 : 0), max };
}

const countText = (c: Clause) => {
  const { min, max } = bounds(c);
  return max === 0 ? 'none' : max === Infinity ? `at least ${min}` : min === max ? `exactly ${min}` : `${min} to ${max}`;
};

/** An evidence of a scenario as a check; `others` are the scenario's other evidences, which joins may name. */
export function evidenceCheck(name: string, spec: EvidenceSpec, others: Readonly<Record<string, EvidenceSpec>> = {}): Check {
  return symptom({
    name,
    about: spec.about,
    run(input) {
      const inTime = timesOf(input.events, input.ops);
      const done = new Map<string, Selected & { ok: boolean; lines: string[] }>();
      const own = new Map(clausesOf(name, spec));
      const judge = (label: string, c: Clause, path: string[]): Selected & { ok: boolean; lines: string[] } => {
        const key = path.join('/');
        const known = done.get(key);
        if (known) return known;
        if (path.length > 4) throw new Error(`joins of ${name} go round in a circle`);
        const s = select(c, input, inTime);
        const head = `${label === name ? '' : `${label}: `}`;
        const finish = (ok: boolean, lines: string[]) => {
          const r = { ...s, ok, lines: lines.map((l, i) => (i === 0 ? head + l : `  ${l}`)) };
          done.set(key, r);
          return r;
        };
        if (s.cannot) return finish(false, [`nothing to judge: ${s.cannot}`]);
        if (c.join) {
          const sibling = own.get(c.join.with);
          const other = sibling ?? (others[c.join.with] && clausesOf(c.join.with, others[c.join.with]!)[0]![1]);
          if (!other) throw new Error(`no clause or evidence "${c.join.with}" to join with`);
          const them = judge(c.join.with, other, [...path, c.join.with]);
          if (them.seen.length === 0) return finish(false, [`nothing to judge: ${c.join.with} selected nothing`]);
          const on = c.join.on;
          const since = c.join.since;
          s.seen = s.seen.filter((x) =>
            them.seen.some(
              (y) => x.keys[on] !== undefined && x.keys[on] === y.keys[on] && (since === undefined || x.end >= (since === 'start' ? y.start : y.end + 1)),
            ),
          );
          s.what += ` with the same ${on} as ${c.join.with}${since ? ` (since it ${since === 'start' ? 'began' : 'ended'})` : ''}`;
        }
        const n = s.seen.length;
        const { min, max } = bounds(c);
        if (max === 0 && s.source === 0)
          return finish(false, [`nothing to judge: nothing was logged or run of what "${s.what}" reads (was its log captured?)`]);
        const examples = s.seen.slice(0, 3).map((x) => short(x.text));
        if (c.every) {
          const so = s.seen.filter((x) => hasFields(c.every!, x.item, x.op));
          const rest = s.seen.filter((x) => !so.includes(x));
          return finish(n > 0 && rest.length === 0, [
            `${so.length} of the ${n} ${s.what} were ${matchText(c.every)}`,
            ...(rest.length ? rest.slice(0, 3).map((x) => `not so: ${short(x.text)}`) : examples),
            ...latencies(s.seen),
          ]);
        }
        const ok = n >= min && n <= max;
        const among = max === 0 ? `; ${s.source} logged or run in all` : '';
        return finish(ok, [`${n} ${s.what} (${countText(c)}${among})`, ...examples]);
      };
      const results = clausesOf(name, spec).map(([label, c]) => judge(label, c, [label]));
      const valid = spec.any ? results.some((r) => r.ok) : results.every((r) => r.ok);
      const mine = [...own.keys()].map((l) => done.get(l)!);
      return {
        valid,
        evidence: mine.flatMap((r) => r.lines),
        ops: [...new Set(mine.flatMap((r) => r.seen.flatMap((x) => (x.op === undefined ? [] : [x.op.op]))))],
        seqs: [...new Set(mine.flatMap((r) => r.seen.flatMap((x) => (x.seq === undefined ? [] : [x.seq]))))],
      } satisfies Finding;
    },
  });
}

/** Per op kind of what was selected: how many, how they ended, the median latency. */
function latencies(seen: readonly Seen[]): string[] {
  const ops = seen.flatMap((x) => x.op ?? []);
  return [...new Set(ops.map((o) => o.kind))].map((k) => {
    const of = ops.filter((o) => o.kind === k);
    const took = of.map((o) => duration(o) ?? 0).sort((a, b) => a - b);
    const ends = [...new Set(of.map((o) => o.status ?? o.outcome ?? 'pending'))].map(
      (s) => `${of.filter((o) => (o.status ?? o.outcome ?? 'pending') === s).length} × ${s}`,
    );
    return `${k}: ${of.length}, median ${(took[Math.floor(took.length / 2)]! / 1000).toFixed(3)} s (${ends.join(', ')})`;
  });
}
