// The `lab` command. Errors become one line on stderr and exit code 2; verdicts exit 0 (as expected) or 1.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { LabError, ScenarioError } from './errors.ts';
import { readEvents } from './events/log.ts';
import { describeCommand } from './fuzz/command.ts';
import { FAULT_KINDS } from './fuzz/faults.ts';
import { fuzz } from './fuzz/fuzz.ts';
import { BACKENDS } from './fuzz/scenario.ts';
import type { LabEvent } from './events/schema.ts';
import { CATALOG, type ProgramName } from './provision/programs.ts';
import { provision } from './provision/provision.ts';
import { timelinePrinter, verdictLines } from './report.ts';
import { findRun, readJson, RUNS_DIR } from './run-dir.ts';
import { runScenario } from './runner.ts';
import { killTracked, reapLeftovers } from './runtime/state.ts';
import { combinations, matrixExitCode, matrixTable, runMatrix } from './matrix.ts';
import { loadScenario, scenarioNames } from './scenario/load.ts';
import { parseChoice, withChoice } from './scenario/options.ts';
import type { Scenario } from './scenario/schema.ts';
import { control, down, holdUp } from './session.ts';
import { buildStack } from './topology.ts';
import { judge, type Verdict } from './verdict.ts';

/** What the terminal UI offers the CLI; bin/lab.js passes it in (lab/ does not import tui/). */
export interface Ui {
  replay(dir: string, plain: boolean, out: (line: string) => void): Promise<void>;
  live(
    scenario: Scenario,
    seed: number,
    variant: string | undefined,
    onQuit: () => void,
  ): Promise<{ event(e: LabEvent): void; finish(verdict: Verdict, runId: string, versions: Record<string, string>): Promise<void> }>;
}

const USAGE = `usage: lab <command>
  scenario NAME [--variant V] [--seed N] [--backend ceph|minio] [--registry 2.8|3] [--json|--tui]
                                                    reproduce an incident; exit 0 when reproduced as expected
  matrix NAME [--variant V] [--seed N]              the scenario on every object store and registry version, as a table
  list                                              the scenario catalog
  analyze RUN [--json]                              re-run the checkers on a stored run (RUN: id, path or "last")
  replay RUN [--plain]                              the run's timeline in the terminal (plain text when not a terminal)
  fuzz [--backend ceph] [--runs N] [--seed S] [--faults a,b] [--max-commands N]
                                                    property-based push/pull testing; exit 1 with a reproducer on a violation
  rerun RUN                                         replay the shrunk failing case of a fuzz run
  up NAME [--variant V] [--seed N] [--backend B] [--registry R]
                                                    bring a scenario's topology up and hold it
  fault apply|heal FAULT                            act on the stack held by \`lab up\`
  down                                              stop the stack held by \`lab up\`
  provision [NAME...]                               install what scenarios (or programs, e.g. tmux) need; everything when none named`;

const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        variant: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
        tui: { type: 'boolean', default: false },
        plain: { type: 'boolean', default: false },
        backend: { type: 'string' },
        registry: { type: 'string' },
        runs: { type: 'string', default: '50' },
        faults: { type: 'string', default: '' },
        'max-commands': { type: 'string', default: '8' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new ScenarioError(`${(e as Error).message.split('\n')[0]} (see \`lab help\`)`);
  }
}

/** A path relative to the working directory when it is inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function seedOf(s: string | undefined): number {
  if (s === undefined) return Math.floor(Math.random() * 2 ** 31);
  if (!/^\d+$/.test(s)) throw new ScenarioError(`--seed: expected a non-negative integer, got "${s}"`);
  return Number(s);
}

/** Ctrl-C: the first stops the run cleanly (teardown, event log closed); a second kills what is left at once. */
function interrupts(): AbortController {
  const ac = new AbortController();
  const onSignal = (sig: string) => {
    if (ac.signal.aborted) {
      err(`lab: ${sig} again: killing what is left`);
      killTracked();
      process.exit(2);
    }
    err(`lab: ${sig}: stopping (press Ctrl-C again to kill at once)`);
    ac.abort();
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  return ac;
}

function reapBefore(): void {
  for (const p of reapLeftovers(RUNS_DIR)) err(`lab: killed ${p.name} (pid ${p.pid}) left over by a crashed run`);
}

async function scenarioCommand(args: string[], ui: Ui): Promise<number> {
  const { values, positionals } = options(args);
  const name = positionals[0];
  if (!name) throw new ScenarioError('lab scenario: which scenario? (see `lab list`)');
  if (values.tui && values.json) throw new ScenarioError('lab scenario: --tui and --json exclude each other');
  const loaded = await loadScenario(name, values.variant);
  const scenario = withChoice(loaded.scenario, parseChoice(values.backend, values.registry));
  const file = loaded.file;
  const seed = seedOf(values.seed);
  reapBefore();
  const ac = interrupts();
  const view = values.tui && process.stdout.isTTY ? await ui.live(scenario, seed, values.variant, () => ac.abort()) : undefined;
  if (!values.json && !view) out(`scenario ${scenario.name}${values.variant ? ` (variant ${values.variant})` : ''}, seed ${seed}: ${scenario.symptom}`);
  const { run, verdict } = await runScenario({
    scenario,
    file: shown(file),
    variant: values.variant,
    seed,
    signal: ac.signal,
    // the live view owns the screen: install progress goes to the run's events only
    progress: view ? () => {} : err,
    live: view ? (e) => view.event(e) : values.json ? undefined : timelinePrinter(out),
  });
  if (view) await view.finish(verdict, run.id, readJson<{ versions?: Record<string, string> }>(`${run.dir}/run.json`).versions ?? {});
  if (values.json) out(JSON.stringify({ run: run.id, dir: run.dir, seed, ...verdict }, null, 2));
  else {
    verdictLines(verdict).forEach(out);
    out(`run: ${shown(run.dir)}`);
  }
  return verdict.exitCode;
}

async function matrixCommand(args: string[]): Promise<number> {
  const { values, positionals } = options(args);
  if (!positionals[0]) throw new ScenarioError('lab matrix: which scenario? (see `lab list`)');
  const { scenario, file } = await loadScenario(positionals[0], values.variant);
  const seed = seedOf(values.seed);
  reapBefore();
  const ac = interrupts();
  out(`matrix ${scenario.name}${values.variant ? ` (variant ${values.variant})` : ''}, seed ${seed}: ${combinations().length} combinations`);
  const rows = await runMatrix(
    scenario,
    async (s) => {
      const { run, verdict } = await runScenario({ scenario: s, file: shown(file), variant: values.variant, seed, signal: ac.signal, progress: err });
      return { verdict, run: shown(run.dir) };
    },
    (r) => out(r.notApplicable ? `  ${r.backend}, ${r.registry}: cannot apply: ${r.notApplicable}` : `  ${r.backend}, ${r.registry}: ${r.verdict!.verdict} in ${r.seconds!.toFixed(1)} s (${r.run})`),
  );
  if (ac.signal.aborted) return 2;
  out('');
  matrixTable(scenario.name, rows).forEach(out);
  return matrixExitCode(rows);
}

async function listCommand(): Promise<number> {
  for (const name of scenarioNames()) {
    const { scenario: s } = await loadScenario(name);
    out(s.name);
    out(`    symptom: ${s.symptom}`);
    out(`    source:  ${s.source}`);
    for (const [v, d] of Object.entries(s.variants)) out(`    variant ${v}: ${d.description}`);
  }
  return 0;
}

function analyzeCommand(args: string[]): number {
  const { values, positionals } = options(args);
  const dir = findRun(positionals[0] ?? 'last');
  const meta = readJson<{ id: string; definition: Scenario }>(`${dir}/run.json`);
  const { events, torn } = readEvents(`${dir}/events.ndjson`);
  const verdict = judge(meta.definition, events);
  if (values.json) out(JSON.stringify({ run: meta.id, torn, ...verdict }, null, 2));
  else {
    out(`run ${meta.id}: ${events.length} events${torn ? `, torn last line ${torn.line} ignored` : ''}`);
    verdictLines(verdict).forEach(out);
  }
  return verdict.exitCode;
}

async function upCommand(args: string[]): Promise<number> {
  const { values, positionals } = options(args);
  if (!positionals[0]) throw new ScenarioError('lab up: which scenario? (see `lab list`)');
  const loaded = await loadScenario(positionals[0], values.variant);
  const scenario = withChoice(loaded.scenario, parseChoice(values.backend, values.registry));
  const file = loaded.file;
  reapBefore();
  const ac = interrupts();
  await holdUp({ scenario, file: shown(file), variant: values.variant, seed: seedOf(values.seed), signal: ac.signal, progress: err, live: timelinePrinter(out) }, out);
  return 0;
}

/** What the named scenarios need, and programs named on their own (e.g. tmux); everything the lab runs when
 * nothing is named. */
async function provisionCommand(args: string[]): Promise<number> {
  const names = args.length > 0 ? args : Object.keys(CATALOG);
  const programs = new Set<ProgramName>();
  for (const n of names) {
    if (n in CATALOG) programs.add(n as ProgramName);
    else buildStack((await loadScenario(n)).scenario.topology).programs().forEach((p) => programs.add(p));
  }
  const { installed } = await provision([...programs], err);
  out(installed.length > 0 ? `installed: ${installed.join(', ')}` : `all present: ${[...programs].join(', ')}`);
  return 0;
}

function count(name: string, value: string, min = 1): number {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new ScenarioError(`--${name}: expected an integer of at least ${min}, got "${value}"`);
  return Number(value);
}

async function runFuzz(o: { backend: keyof typeof BACKENDS; runs: number; seed: number; faults: string[]; maxCommands: number; path?: string; replayPath?: string }): Promise<number> {
  reapBefore();
  const ac = interrupts();
  out(`fuzz: ${o.path ? `replaying path ${o.path} of ` : `${o.runs} cases, `}seed ${o.seed}, faults ${o.faults.join(',') || 'none'}, up to ${o.maxCommands} commands a case`);
  const r = await fuzz({ ...o, signal: ac.signal, progress: out });
  out(`${r.cases} cases in ${r.seconds.total.toFixed(1)} s (${((r.cases / r.seconds.total) * 60).toFixed(0)} a minute)`);
  out(`run: ${shown(r.run.dir)}`);
  if (!r.failed) {
    out('no invariant was violated');
    return 0;
  }
  out(`VIOLATION ${r.violation!.message}`);
  for (const line of r.violation!.evidence.slice(1, 4)) out(`  ${line}`);
  out(`found after ${r.seconds.toFind!.toFixed(1)} s, shrunk in ${r.shrinks} steps and ${r.seconds.toShrink!.toFixed(1)} s to ${r.counterexample!.length} commands:`);
  for (const c of r.counterexample!) out(`  ${describeCommand(c)}`);
  out(`reproduce: lab scenario ${shown(join(r.run.dir, 'reproducer.json'))}    replay the case: lab rerun ${r.run.id}`);
  return 1;
}

async function fuzzCommand(args: string[]): Promise<number> {
  const { values } = options(args);
  const backend = values.backend ?? 'ceph';
  if (!(backend in BACKENDS)) throw new ScenarioError(`--backend ${backend}: the fuzzer does not drive it yet; available: ${Object.keys(BACKENDS).join(', ')}`);
  const faults = values.faults ? values.faults.split(',').map((f) => f.trim()) : [];
  for (const f of faults) if (!(FAULT_KINDS as readonly string[]).includes(f)) throw new ScenarioError(`--faults: unknown fault kind "${f}"; known: ${FAULT_KINDS.join(', ')}`);
  return runFuzz({ backend: backend as keyof typeof BACKENDS, runs: count('runs', values.runs!), seed: seedOf(values.seed), faults, maxCommands: count('max-commands', values['max-commands']!) });
}

async function rerunCommand(args: string[]): Promise<number> {
  const { positionals } = options(args);
  const dir = findRun(positionals[0] ?? 'last');
  const file = join(dir, 'failure.json');
  if (!existsSync(file)) throw new ScenarioError(`${shown(dir)}: not a fuzz run with a failure (no failure.json)`);
  const f = readJson<{ backend?: keyof typeof BACKENDS; seed: number; path: string; replayPath?: string; faults: string[]; maxCommands: number; runs: number }>(file);
  return runFuzz({ backend: f.backend ?? 'ceph', runs: f.runs, seed: f.seed, faults: f.faults, maxCommands: f.maxCommands, path: f.path, replayPath: f.replayPath });
}

async function replayCommand(args: string[], ui: Ui): Promise<number> {
  const { values, positionals } = options(args);
  await ui.replay(findRun(positionals[0] ?? 'last'), values.plain, out);
  return 0;
}

async function dispatch(argv: string[], ui: Ui): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scenario':
      return scenarioCommand(rest, ui);
    case 'matrix':
      return matrixCommand(rest);
    case 'replay':
      return replayCommand(rest, ui);
    case 'fuzz':
      return fuzzCommand(rest);
    case 'rerun':
      return rerunCommand(rest);
    case 'list':
      return listCommand();
    case 'analyze':
      return analyzeCommand(rest);
    case 'up':
      return upCommand(rest);
    case 'fault': {
      const [verb, name] = rest;
      if ((verb !== 'apply' && verb !== 'heal') || !name) throw new ScenarioError('usage: lab fault apply|heal FAULT');
      out(await control(RUNS_DIR, `/${verb}/${encodeURIComponent(name)}`));
      return 0;
    }
    case 'down':
      await down(RUNS_DIR, out);
      return 0;
    case 'provision':
      return provisionCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new ScenarioError(`unknown command "${command}" (see \`lab help\`)`);
  }
}

/** Runs one command and exits: errors are one line on stderr. */
export function main(argv: string[], ui: Ui): void {
  dispatch(argv, ui).then(
    (code) => process.exit(code),
    (e: unknown) => {
      err(`lab: ${e instanceof Error ? e.message : String(e)}`);
      if (process.env.LAB_DEBUG) err((e as Error).stack ?? '');
      process.exit(e instanceof LabError ? e.exitCode : 2);
    },
  );
}
