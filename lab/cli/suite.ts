// `lab suite [NAME…|--all]`: the scenarios as a test suite for CI, with JUnit and JSON reports.
import { accessSync, constants, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { junitXml } from '../suite/junit.ts';
import { runScenario } from '../runner/run.ts';
import { type Outcome, parseShard, type Testcase, runSuite, shard, suiteExitCode, suiteJson, testcases } from '../suite/suite.ts';
import { parseChoice } from '../scenario/choice.ts';
import { provisionStack } from '../runner/launch.ts';
import type { TopologyData } from '../products/topology.ts';
import type { Runtime } from '../core/run-files.ts';
import { consoleLog } from '../core/lab-log.ts';
import { loadScenario, scenarioNames } from '../scenario/load.ts';
import { CHOICE_OPTIONS, CHOICE_USAGE } from './choice-options.ts';
import { count, defineCommand, seedOf, UsageError } from './command.ts';
import { interrupts } from './interrupts.ts';
import { axesOf } from './matrix.ts';
import { err, out, shown } from './output.ts';

function line(o: Outcome, nth: number, of: number): string {
  const at = `[${nth}/${of}] ${o.testcase.id}`;
  if (o.status === 'skipped') return `${at}: skipped: cannot apply: ${o.message}`;
  if (!o.verdict) return `${at}: error after ${o.seconds.toFixed(1)} s: ${o.message}`;
  return `${at}: ${o.status} (${o.verdict.verdict}) in ${o.seconds.toFixed(1)} s${o.status === 'passed' ? '' : `: ${o.verdict.reason}`} (${o.run})`;
}

export default defineCommand({
  name: 'suite',
  usage: `NAME…|--all [--variants] [--matrix] [--shard I/N] [--jobs N] [--junit FILE] [--json FILE] [--seed N] ${CHOICE_USAGE}`,
  summary: 'scenarios as a test suite: one testcase per scenario, variant and combination, with JUnit and JSON reports',
  help: `  NAME…          scenarios of \`lab list\` (or scenario files); --all: every one
  --variants     each variant too, as a testcase of its own
  --matrix       each on every combination of --backend, --registry, --ceph and --runtime (each A,B; not
                 given: every object store and registry version, as \`lab matrix\`); without --matrix those
                 options take one value each and apply to every testcase
  --shard I/N    only the I-th of N shares of the testcases (every N-th, from the I-th): shards of one suite
                 split its testcases between them, each testcase in one
  --jobs N       testcases run N at a time (default: the machine's cores, at most 4; each run's ports and
                 directory are its own, and they share the cores)
  --junit FILE   a JUnit XML report: a testsuite per scenario; a failure's message is the verdict's reason,
                 its body every check's evidence
  --json FILE    the outcomes as JSON (shape registry-lab/suite/1)
  --seed N       the seed of every testcase (default: random; printed)

exit codes (as Jepsen's test-all): 2 when any testcase is unknown, interrupted or errored (or none could run),
else 1 when any did not meet its expectations, else 0`,
  options: {
    all: { type: 'boolean' },
    variants: { type: 'boolean' },
    matrix: { type: 'boolean' },
    shard: { type: 'string' },
    jobs: { type: 'string', default: String(Math.min(4, availableParallelism())) },
    junit: { type: 'string' },
    json: { type: 'string' },
    seed: { type: 'string' },
    ...CHOICE_OPTIONS,
  },
  positionals: { min: 0, max: 1000 },
  async run({ values, positionals }) {
    if (Boolean(values.all) === positionals.length > 0)
      throw new UsageError('suite', values.all ? '--all or scenario names, not both' : 'name scenarios, or --all');
    const jobs = count('jobs', values.jobs, 1, 16);
    const part = values.shard === undefined ? undefined : parseShard(values.shard);
    writable('junit', values.junit);
    writable('json', values.json);
    const seed = seedOf(values.seed);
    const loaded = [];
    for (const name of values.all ? scenarioNames() : positionals) {
      const base = await loadScenario(name);
      loaded.push({ loaded: base });
      if (values.variants) for (const v of Object.keys(base.scenario.variants)) loaded.push({ loaded: await loadScenario(name, v), variant: v });
    }
    const all = testcases(loaded, values.matrix ? { matrix: axesOf(values) } : { choice: parseChoice(values) });
    const cases = part ? shard(all, part.index, part.total) : all;
    // runs side by side would each install what is missing, at once: it is installed first, once
    if (jobs > 1) await provisionFor(cases);
    const ac = interrupts();
    out(`suite: ${cases.length} testcases${part ? ` (shard ${part.index}/${part.total} of ${all.length})` : ''}, seed ${seed}, ${jobs} at a time`);
    const t0 = performance.now();
    const outcomes = await runSuite(
      cases,
      async (scenario, t) => {
        const { run, verdict } = await runScenario({
          scenario,
          file: t.loaded.shown,
          variant: t.variant,
          seed,
          runtime: t.choice.runtime,
          signal: ac.signal,
          progress: err,
        });
        return { verdict, run: shown(run.dir) };
      },
      (o, nth) => out(line(o, nth, cases.length)),
      { jobs, signal: ac.signal },
    );
    const n = (s: Outcome['status']) => outcomes.filter((o) => o.status === s).length;
    const code = suiteExitCode(outcomes);
    out(
      `suite: ${outcomes.length} of ${cases.length} testcases ran in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${n('passed')} passed, ${n('failed')} failed, ${n('error')} errors, ${n('skipped')} skipped; exit ${code}`,
    );
    if (values.junit) {
      writeFileSync(values.junit, junitXml(outcomes));
      out(`junit: ${values.junit}`);
    }
    if (values.json) {
      writeFileSync(values.json, `${JSON.stringify(suiteJson(outcomes, seed), null, 2)}\n`);
      out(`json: ${values.json}`);
    }
    return ac.signal.aborted ? 2 : code;
  },
});

/** Installs (or builds) what the testcases need, one stack after the other; nothing when it is all present. */
async function provisionFor(cases: readonly Testcase[]): Promise<void> {
  const stacks = new Map<string, { runtime: Runtime; topology: TopologyData }>();
  for (const t of cases) {
    if ('scenario' in t.chosen) {
      const stack = { runtime: t.choice.runtime ?? 'native', topology: t.chosen.scenario.topology as TopologyData };
      stacks.set(JSON.stringify(stack), stack);
    }
  }
  const log = consoleLog();
  for (const { runtime, topology } of stacks.values()) await provisionStack(runtime, topology, err, log);
}

/** A report's file can be written: known before anything starts. */
function writable(option: string, file: string | undefined): void {
  if (file === undefined) return;
  try {
    accessSync(dirname(resolve(file)), constants.W_OK);
  } catch {
    throw new UsageError('suite', `--${option} ${file}: its directory does not exist or cannot be written`);
  }
}
