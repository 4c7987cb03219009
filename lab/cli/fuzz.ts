// `lab fuzz`: property-based push/pull testing on the real stack.
import { TOXIC_PRESETS } from '../../faults/toxic.ts';
import { ScenarioError } from '../core/errors.ts';
import { BACKEND_CHOICES, parseChoice } from '../scenario/choice.ts';
import { RUNTIMES } from '../core/run-files.ts';
import { count, defineCommand, seedOf } from './command.ts';
import { runFuzz } from './fuzz-run.ts';

const TOXICS = Object.keys(TOXIC_PRESETS);

export default defineCommand({
  name: 'fuzz',
  usage: `[--backend ${BACKEND_CHOICES.join('|')}] [--runs N] [--seed S] [--faults ${TOXICS.slice(0, 2).join(',')},…] [--max-commands N] [--runtime ${RUNTIMES.join('|')}]`,
  summary: 'property-based push/pull testing on the real stack; exit 1 with a shrunk reproducer when an invariant breaks',
  help: `  --backend B        the object store (default ${BACKEND_CHOICES[0]})
  --runs N           cases to generate (default 50)
  --seed S           fast-check's seed (default: random; printed)
  --faults A,B       toxics the cases may apply on the registry's S3 write link: ${TOXICS.join(', ')}
  --max-commands N   commands a case at most (default 8)
  --runtime R        native (default) or container
exit codes: 0 no invariant violated, 1 a violation (failure.json and reproducer.json in the run), 2 an error`,
  options: {
    backend: { type: 'string' },
    runs: { type: 'string', default: '50' },
    seed: { type: 'string' },
    faults: { type: 'string', default: '' },
    'max-commands': { type: 'string', default: '8' },
    runtime: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run({ values }) {
    const backend = values.backend ?? BACKEND_CHOICES[0]!;
    if (!BACKEND_CHOICES.includes(backend)) throw new ScenarioError(`--backend ${backend}: expected one of ${BACKEND_CHOICES.join(', ')}`);
    const faults = values.faults ? values.faults.split(',').map((f) => f.trim()) : [];
    for (const f of faults) if (!TOXICS.includes(f)) throw new ScenarioError(`--faults: unknown toxic "${f}"; known: ${TOXICS.join(', ')}`);
    const { runtime } = parseChoice({ runtime: values.runtime });
    return runFuzz({
      backend,
      runtime,
      runs: count('runs', values.runs),
      seed: seedOf(values.seed),
      faults,
      maxCommands: count('max-commands', values['max-commands'], 1, 100),
    });
  },
});
