// `lab fuzz`: property-based push/pull testing on the real stack.
import { ScenarioError } from '../core/errors.ts';
import { parseChoice } from '../scenario/choice.ts';
import { RUNTIMES } from '../core/run-files.ts';
import { count, defineCommand, seedOf } from './command.ts';
import { COVERAGE, COVERAGE_NAMES } from '../fuzz/coverage.ts';
import { FUZZ_BACKENDS, FUZZ_FAULTS } from '../fuzz/scenario.ts';
import { runFuzz } from './fuzz-run.ts';

export default defineCommand({
  name: 'fuzz',
  usage: `[--backend ${FUZZ_BACKENDS.join('|')}] [--runs N] [--seed S] [--faults ${FUZZ_FAULTS.slice(0, 2).join(',')},…] [--max-commands N] [--runtime ${RUNTIMES.join('|')}] [--require PATH,…]`,
  summary: 'property-based push/pull testing on the real stack; exit 1 with a shrunk reproducer when an invariant breaks',
  help: `  --backend B        the object store (default ${FUZZ_BACKENDS[0]})
  --runs N           cases to generate (default 50)
  --seed S           fast-check's seed (default: random; printed)
  --faults A,B       what the cases may apply on each faultable link (the S3 write link; on Swift, the link to
                     each server): ${FUZZ_FAULTS.join(', ')}
  --max-commands N   commands a case at most (default 8)
  --runtime R        native (default) or container
  --require P,Q      coverage paths the run must reach (exit 2 when one was never reached):
${COVERAGE.map((p) => `                       ${p.name}: ${p.about}`).join('\n')}
exit codes: 0 no invariant violated, 1 a violation (failure.json and reproducer.json in the run), 2 an error or a
required path not reached`,
  options: {
    backend: { type: 'string' },
    runs: { type: 'string', default: '50' },
    seed: { type: 'string' },
    faults: { type: 'string', default: '' },
    'max-commands': { type: 'string', default: '8' },
    runtime: { type: 'string' },
    require: { type: 'string', default: '' },
  },
  positionals: { min: 0, max: 0 },
  async run({ values }) {
    const backend = values.backend ?? FUZZ_BACKENDS[0]!;
    if (!FUZZ_BACKENDS.includes(backend)) throw new ScenarioError(`--backend ${backend}: expected one of ${FUZZ_BACKENDS.join(', ')}`);
    const faults = values.faults ? values.faults.split(',').map((f) => f.trim()) : [];
    for (const f of faults) if (!FUZZ_FAULTS.includes(f)) throw new ScenarioError(`--faults: unknown fault "${f}"; known: ${FUZZ_FAULTS.join(', ')}`);
    const require = values.require ? values.require.split(',').map((p) => p.trim()) : [];
    for (const p of require) if (!COVERAGE_NAMES.includes(p)) throw new ScenarioError(`--require: unknown path "${p}"; known: ${COVERAGE_NAMES.join(', ')}`);
    const { runtime } = parseChoice({ runtime: values.runtime });
    return runFuzz(
      {
        backend,
        runtime,
        runs: count('runs', values.runs),
        seed: seedOf(values.seed),
        faults,
        maxCommands: count('max-commands', values['max-commands'], 1, 100),
      },
      require,
    );
  },
});
