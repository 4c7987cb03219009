// `lab up NAME`: bring a scenario's topology up and hold it for real clients.
import { holdUp } from '../runner/session.ts';
import { BACKEND_CHOICES, parseChoice, REGISTRY_CHOICES, withChoice } from '../scenario/choice.ts';
import { loadScenario } from '../scenario/load.ts';
import { defineCommand, seedOf } from './command.ts';
import { interrupts, reapBefore } from './interrupts.ts';
import { err, out, shown } from './output.ts';
import { timelinePrinter } from './report.ts';

export default defineCommand({
  name: 'up',
  usage: `NAME|FILE [--variant V] [--seed N] [--backend ${BACKEND_CHOICES.join('|')}] [--registry ${REGISTRY_CHOICES.join('|')}]`,
  summary: "bring a scenario's topology up and hold it: the registry URL, S3 endpoint and keys, the faults",
  help: '  stop it with Ctrl-C or `lab down`; apply and heal its faults with `lab fault apply|heal NAME`',
  options: { variant: { type: 'string' }, seed: { type: 'string' }, backend: { type: 'string' }, registry: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }) {
    const loaded = await loadScenario(positionals[0]!, values.variant);
    const scenario = withChoice(loaded, parseChoice(values.backend, values.registry));
    const seed = seedOf(values.seed);
    reapBefore();
    const ac = interrupts();
    await holdUp({ scenario, file: shown(loaded.file), variant: values.variant, seed, signal: ac.signal, progress: err, live: timelinePrinter(out) }, out);
    return 0;
  },
});
