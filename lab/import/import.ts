// `lab import`: production logs as a run. Each file's format is detected from its first lines (or given); each
// line becomes an access or log event of its host's lane, at the line's own time; a line no format understands
// is counted, never fatal. The files are parsed on worker threads (parse-pool.ts) and merged in time order into
// runs/<id>/events.ndjson, with its index (events.idx), the lanes of its hosts (lanes.json) and a run.json that
// says it was imported and from what, so that replay and analyze open it like any run.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { ScenarioError } from '../core/errors.ts';
import { RunDir, RUNS_DIR } from '../core/run-dir.ts';
import type { RunJson } from '../core/run-files.ts';
import { LineIndexWriter } from '../core/events/line-index.ts';
import { hostLanes } from '../projections/host-lanes.ts';
import type { Batch, FileReport } from './file-parser.ts';
import type { LogFormat } from './format.ts';
import { ParsePool } from './parse-pool.ts';
import { FORMATS } from './formats/index.ts';
import { findings } from './findings.ts';

export interface ImportOptions {
  files: readonly string[];
  /** a format for every file, instead of detecting it */
  as?: string;
  /** the host of lines that do not name one (default: the file's name up to its first dot) */
  host?: string;
  logFormat?: string;
  runsDir?: string;
  progress?: (line: string) => void;
}

const SAMPLE = 50;

/** Reads a file's first lines and picks the format most of them fit; undefined when none fits any. */
async function detect(file: string): Promise<LogFormat | undefined> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file, { end: 256 * 1024 }), crlfDelay: Infinity })) {
    if (line.trim()) lines.push(line);
    if (lines.length >= SAMPLE) break;
  }
  let best: { format: LogFormat; hits: number } | undefined;
  for (const format of FORMATS.all) {
    const hits = lines.filter((l) => format.detect(l)).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { format, hits };
  }
  return best?.format;
}

type End = NonNullable<Batch['end']>;

/** How many batches of each file are asked for ahead of the one merged. */
const AHEAD = 2;

/** The files' events merged by time, each file's in its order, the earliest head first, each given to `emit`;
 * returns each file's end. */
async function merge(pool: ParsePool, files: number, emit: (at: number, text: Buffer, from: number, to: number) => void): Promise<End[]> {
  const ends: End[] = [];
  const streams = Array.from({ length: files }, (_, id) => ({
    id,
    batch: undefined as Batch | undefined,
    text: Buffer.alloc(0),
    i: 0,
    ahead: Array.from({ length: AHEAD }, () => pool.next(id)),
  }));
  /** the stream's next batch that has events, asking for the one after it; false at the file's end */
  const advance = async (s: (typeof streams)[number]): Promise<boolean> => {
    while (!s.batch?.end) {
      s.batch = await s.ahead.shift()!;
      s.text = Buffer.from(s.batch.text.buffer, s.batch.text.byteOffset, s.batch.text.byteLength);
      s.i = 0;
      if (s.batch.end) ends[s.id] = s.batch.end;
      else s.ahead.push(pool.next(s.id));
      if (s.batch.at.length > 0) return true;
    }
    return false;
  };
  const live = [];
  for (const s of streams) if (await advance(s)) live.push(s);
  while (live.length > 0) {
    let k = 0;
    for (let j = 1; j < live.length; j++) if (live[j]!.batch!.at[live[j]!.i]! < live[k]!.batch!.at[live[k]!.i]!) k = j;
    const s = live[k]!;
    const b = s.batch!;
    emit(b.at[s.i]!, s.text, s.i > 0 ? b.ends[s.i - 1]! : 0, b.ends[s.i]!);
    if (++s.i === b.at.length && !(await advance(s))) live.splice(k, 1);
  }
  return ends;
}

export async function importLogs(o: ImportOptions): Promise<{ run: { id: string; dir: string }; files: FileReport[]; events: number }> {
  // everything about the input is checked before a run directory exists
  if (o.as !== undefined && !FORMATS.has(o.as)) throw new ScenarioError(`--as ${o.as}: unknown format; known: ${FORMATS.names.join(', ')}`);
  const plan: { file: string; format: LogFormat; host: string }[] = [];
  for (const file of o.files) {
    try {
      if (!statSync(file).isFile()) throw new ScenarioError(`${file}: not a file`);
    } catch (e) {
      throw e instanceof ScenarioError ? e : new ScenarioError(`${file}: no such file`);
    }
    const format = o.as ? FORMATS.get(o.as) : await detect(file);
    if (!format)
      throw new ScenarioError(`${file}: no line of its first ${SAMPLE} is in a format the lab reads (${FORMATS.names.join(', ')}); name one with --as`);
    plan.push({ file, format, host: o.host ?? basename(file).split('.')[0]! });
  }

  await using run = RunDir.create('import', o.runsDir ?? RUNS_DIR);
  for (const p of plan) o.progress?.(`${p.file}: ${p.format.name}, host ${p.host}`);
  await using pool = new ParsePool(plan.map((p) => ({ file: p.file, format: p.format.name, host: p.host, logFormat: o.logFormat })));
  const index = new LineIndexWriter();
  let seq = 0;
  let t0 = 0;
  let t = 0;
  const ends = await merge(pool, plan.length, (at, text, from, to) => {
    if (seq === 0) t0 = at;
    t = Math.max(0, Math.round((at - t0) * 10) / 10);
    index.add(run.events.writeLine(seq, t, text, from, to), t);
    if (++seq % 1_000_000 === 0) o.progress?.(`${seq.toLocaleString('en')} events`);
  });
  const reports = ends.map((e) => e.report);
  const seen = ends.reduce((all, e) => findings.merge(all, e.seen), findings.start());
  const lanes = ends.reduce((all, e) => hostLanes.merge(all, e.lanes), hostLanes.start());
  run.events.flush();
  index.write(run.events.file);
  run.write('lanes.json', hostLanes.lanes(lanes, t0, t));
  const products = Object.fromEntries(plan.map((p) => [p.format.component, p.format.product]));
  const meta: Omit<RunJson, 'definition'> & { definition: unknown; imported: unknown } = {
    id: run.id,
    mode: 'import',
    runtime: 'native',
    scenario: 'import',
    variant: null,
    file: plan.map((p) => p.file).join(' '),
    seed: 0,
    versions: {},
    endpoints: {},
    products,
    links: {},
    definition: findings.definition(seen),
    imported: { files: reports },
  };
  run.write('run.json', meta);
  return { run: { id: run.id, dir: run.dir }, files: reports, events: seq };
}
