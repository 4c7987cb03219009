// `lab matrix NAME`: the scenario on every S3 object store and registry version, as one table.
import { combinations, matrixExitCode, matrixTable, runMatrix } from '../runner/matrix.ts';
import { runScenario } from '../runner/run.ts';
import { loadScenario } from '../scenario/load.ts';
import { defineCommand, seedOf } from './command.ts';
import { interrupts, reapBefore } from './interrupts.ts';
import { err, out, shown } from './output.ts';

export default defineCommand({
  name: 'matrix',
  usage: 'NAME|FILE [--variant V] [--seed N]',
  summary: 'the scenario on every object store and registry version, as a Markdown table',
  help: `  a combination the scenario cannot take is a row saying why
exit codes: 0 when every combination that applies met its expectations, else the worst; 2 when none applies`,
  options: { variant: { type: 'string' }, seed: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const loaded = await loadScenario(positionals[0]!, values.variant);
    const seed = seedOf(values.seed);
    reapBefore();
    const ac = interrupts();
    const name = loaded.scenario.name;
    out(`matrix ${name}${values.variant ? ` (variant ${values.variant})` : ''}, seed ${seed}: ${combinations().length} combinations`);
    const rows = await runMatrix(
      loaded,
      async (s) => {
        const { run, verdict } = await runScenario({ scenario: s, file: shown(loaded.file), variant: values.variant, seed, signal: ac.signal, progress: err });
        return { verdict, run: shown(run.dir) };
      },
      (r) =>
        out(
          r.notApplicable
            ? `  ${r.backend}, ${r.registry}: cannot apply: ${r.notApplicable}`
            : `  ${r.backend}, ${r.registry}: ${r.verdict!.verdict} in ${r.seconds!.toFixed(1)} s (${r.run})`,
        ),
    );
    if (ac.signal.aborted) return 2;
    out('');
    matrixTable(name, rows).forEach(out);
    return matrixExitCode(rows);
  },
});
