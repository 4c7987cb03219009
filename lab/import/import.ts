// `lab import`: production logs as a run. Each file's format is detected from its first lines (or given); each
// line becomes an access or log event of its host's lane, at the line's own time; a line no format understands
// is counted, never fatal. The files are merged in time order into runs/<id>/events.ndjson, with a run.json that
// says it was imported and from what, so that replay and analyze open it like any run.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { ScenarioError } from '../core/errors.ts';
import { RunDir, RUNS_DIR } from '../core/run-dir.ts';
import type { RunJson } from '../core/run-files.ts';
import type { LogFormat, ParseOptions, Parsed } from './format.ts';
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

export interface FileReport {
  file: string;
  format: string;
  host: string;
  lines: number;
  understood: number;
  /** the first lines not understood, for the report */
  notUnderstood: string[];
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

async function* parsed(file: string, format: LogFormat, o: ParseOptions, report: FileReport): AsyncGenerator<Parsed> {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    report.lines++;
    const p = format.parse(line, o);
    if (p) {
      report.understood++;
      yield p;
    } else if (report.notUnderstood.length < 5) report.notUnderstood.push(line.slice(0, 200));
  }
}

/** The streams merged by time: each file's lines in their order, the earliest head first. */
async function* merged(streams: AsyncGenerator<Parsed>[]): AsyncGenerator<Parsed> {
  const heads = await Promise.all(streams.map((s) => s.next()));
  for (;;) {
    let i = -1;
    for (let j = 0; j < heads.length; j++) if (!heads[j]!.done && (i < 0 || heads[j]!.value!.at < heads[i]!.value!.at)) i = j;
    if (i < 0) return;
    yield heads[i]!.value as Parsed;
    heads[i] = await streams[i]!.next();
  }
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
  const reports: FileReport[] = plan.map((p) => ({ file: p.file, format: p.format.name, host: p.host, lines: 0, understood: 0, notUnderstood: [] }));
  for (const p of plan) o.progress?.(`${p.file}: ${p.format.name}, host ${p.host}`);
  const streams = plan.map((p, i) => parsed(p.file, p.format, { host: p.host, logFormat: o.logFormat }, reports[i]!));
  let seq = 0;
  let t0: number | undefined;
  let seen = findings.start();
  for await (const { at, fact, also } of merged(streams)) {
    t0 ??= at;
    const t = Math.max(0, Math.round((at - t0) * 10) / 10);
    for (const f of also ? [fact, also] : [fact]) {
      run.events.write({ seq: seq++, t, at: new Date(at).toISOString(), ...f });
      seen = findings.add(seen, f);
      if (seq % 1_000_000 === 0) o.progress?.(`${seq.toLocaleString('en')} events`);
    }
  }
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
