// `lab matrix NAME`: the scenario on every S3 object store and registry version (and the Ceph releases and
// runtimes asked for), as one table.
import type { Runtime } from '../core/run-files.ts';
import { type Axes, comboName, matrixExitCode, matrixOf, matrixTable, runMatrix } from '../runner/matrix.ts';
import { runScenario } from '../runner/run.ts';
import { parseChoice } from '../scenario/choice.ts';
import { loadScenario } from '../scenario/load.ts';
import { CHOICE_OPTIONS, CHOICE_USAGE } from './choice-options.ts';
import { defineCommand, seedOf } from './command.ts';
import { interrupts } from './interrupts.ts';
import { err, out, shown } from './output.ts';

/** Each axis option as a list ("native,container"), every value checked as the single option checks it. */
export function axesOf(values: Partial<Record<keyof typeof CHOICE_OPTIONS, string>>): Axes {
  const list = (name: keyof typeof CHOICE_OPTIONS) => {
    const v = values[name]?.split(',').filter(Boolean);
    v?.forEach((x) => parseChoice({ [name]: x }));
    return v;
  };
  return { backend: list('backend'), registry: list('registry'), ceph: list('ceph'), runtime: list('runtime') as Runtime[] | undefined };
}

export default defineCommand({
  name: 'matrix',
  usage: `NAME|FILE [--variant V] [--seed N] ${CHOICE_USAGE.replaceAll('|', ',')}`,
  summary: 'the scenario on every object store and registry version (and Ceph releases, runtimes), as a Markdown table',
  help: `  --backend A,B    the object stores (default: every S3 store; a scenario on Swift or a filesystem keeps its own)
  --registry A,B   the Distribution versions (default: all)
  --ceph A,B       the Ceph releases, for the ceph rows (default: the scenario's)
  --runtime A,B    native, container or both (default: native)
  a combination the scenario cannot take is a row saying why
exit codes: 0 when every combination that applies met its expectations, else the worst; 2 when none applies`,
  options: { variant: { type: 'string' }, seed: { type: 'string' }, ...CHOICE_OPTIONS },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const axes = axesOf(values);
    const loaded = await loadScenario(positionals[0]!, values.variant);
    const seed = seedOf(values.seed);
    const ac = interrupts();
    const name = loaded.scenario.name;
    out(`matrix ${name}${values.variant ? ` (variant ${values.variant})` : ''}, seed ${seed}: ${matrixOf(loaded, axes).length} combinations`);
    const rows = await runMatrix(
      loaded,
      async (s, c) => {
        const { run, verdict } = await runScenario({
          scenario: s,
          file: shown(loaded.file),
          variant: values.variant,
          seed,
          runtime: c.runtime,
          signal: ac.signal,
          progress: err,
        });
        return { verdict, run: shown(run.dir) };
      },
      (r) =>
        out(
          r.notApplicable
            ? `  ${comboName(r)}: cannot apply: ${r.notApplicable}`
            : `  ${comboName(r)}: ${r.verdict!.verdict} in ${r.seconds!.toFixed(1)} s (${r.run})`,
        ),
      axes,
    );
    if (ac.signal.aborted) return 2;
    out('');
    matrixTable(name, rows).forEach(out);
    return matrixExitCode(rows);
  },
});
