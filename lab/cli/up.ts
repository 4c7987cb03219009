// `lab up NAME`: bring a scenario's topology up and hold it for real clients.
import { holdUp } from '../runner/session.ts';
import { parseChoice, withChoice } from '../scenario/choice.ts';
import { CHOICE_HELP, CHOICE_OPTIONS, CHOICE_USAGE } from './choice-options.ts';
import { loadScenario } from '../scenario/load.ts';
import { defineCommand, seedOf } from './command.ts';
import { interrupts } from './interrupts.ts';
import { err, out, shown } from './output.ts';
import { timelinePrinter } from './report.ts';

export default defineCommand({
  name: 'up',
  usage: `NAME|FILE [--variant V] [--seed N] ${CHOICE_USAGE}`,
  summary: "bring a scenario's topology up and hold it: the registry URL, S3 endpoint and keys, the faults",
  help: `${CHOICE_HELP}

  stop it with Ctrl-C or \`lab down\`; apply and heal its faults with \`lab fault apply|heal NAME\``,
  options: { variant: { type: 'string' }, seed: { type: 'string' }, ...CHOICE_OPTIONS },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const loaded = await loadScenario(positionals[0]!, values.variant);
    const choice = parseChoice(values);
    const scenario = withChoice(loaded, choice);
    const seed = seedOf(values.seed);
    const ac = interrupts();
    await holdUp(
      {
        scenario,
        file: shown(loaded.file),
        variant: values.variant,
        seed,
        runtime: choice.runtime,
        signal: ac.signal,
        progress: err,
        live: timelinePrinter(out),
      },
      out,
    );
    return 0;
  },
});
