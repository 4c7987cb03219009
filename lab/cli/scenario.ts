// `lab scenario NAME`: reproduce an incident on the real stack; exit 0 when its expectations are met.
import { backendOf, readRunJson } from '../core/run-files.ts';
import { filled, type TopologyData } from '../products/topology.ts';
import { runScenario } from '../runner/run.ts';
import { parseChoice, withChoice } from '../scenario/choice.ts';
import { CHOICE_HELP, CHOICE_OPTIONS, CHOICE_USAGE } from './choice-options.ts';
import { loadScenario } from '../scenario/load.ts';
import { defineCommand, seedOf, UsageError } from './command.ts';
import { interrupts } from './interrupts.ts';
import { err, out, shown } from './output.ts';
import { timelinePrinter, verdictJson, verdictLines } from './report.ts';

export default defineCommand({
  name: 'scenario',
  usage: `NAME|FILE [--variant V] [--seed N] ${CHOICE_USAGE} [--json | --tui]`,
  summary: 'reproduce an incident; exit 0 when reproduced (or, for a mitigation, when the invariants hold) as expected',
  help: `  NAME           a scenario of \`lab list\`, or the path of a scenario file (.ts or .json)
  --variant V    one of the scenario's variants (a mitigation, another front …)
  --seed N       the seed of generated images and seeded moments (default: random; printed)
${CHOICE_HELP}
  --json         the verdict as JSON (shape ${'registry-lab/verdict/1'}) instead of the timeline
  --tui          the replay view, live, staying on the verdict

exit codes: 0 expectations met, 1 not met, 2 an error, an unknown outcome or an interrupted run`,
  options: {
    variant: { type: 'string' },
    seed: { type: 'string' },
    ...CHOICE_OPTIONS,
    json: { type: 'boolean' },
    tui: { type: 'boolean' },
  },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }, ui) {
    if (values.tui && values.json) throw new UsageError('scenario', '--tui and --json exclude each other');
    const loaded = await loadScenario(positionals[0]!, values.variant);
    const choice = parseChoice(values);
    const scenario = withChoice(loaded, choice);
    const seed = seedOf(values.seed);
    const ac = interrupts();
    const storage = scenario.topology.registry.storage;
    const products = Object.fromEntries(filled(scenario.topology as TopologyData).map((f) => [f.role, f.product.name]));
    const meta = {
      id: '',
      scenario: scenario.name,
      variant: values.variant,
      seed,
      versions: {},
      backend: backendOf(products, storage),
      links: scenario.topology.links,
    };
    const view = values.tui && process.stdout.isTTY ? await ui.live(meta, () => ac.abort()) : undefined;
    if (!values.json && !view) out(`scenario ${scenario.name}${values.variant ? ` (variant ${values.variant})` : ''}, seed ${seed}: ${scenario.symptom}`);
    const { run, verdict } = await runScenario({
      scenario,
      file: shown(loaded.file),
      variant: values.variant,
      seed,
      runtime: choice.runtime,
      signal: ac.signal,
      // the live view owns the screen: install progress goes to the run's events only
      progress: view ? () => {} : err,
      live: view ? (e) => view.event(e) : values.json ? undefined : timelinePrinter(out),
    });
    if (view) await view.finish({ ...meta, id: run.id, versions: readRunJson(run.dir).versions, verdict });
    if (values.json) out(JSON.stringify(verdictJson(run, seed, verdict), null, 2));
    else {
      verdictLines(verdict).forEach(out);
      out(`run: ${shown(run.dir)}`);
    }
    return verdict.exitCode;
  },
});
