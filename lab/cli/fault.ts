// `lab fault apply|heal FAULT`: act on the stack held by `lab up`.
import { RUNS_DIR } from '../core/run-dir.ts';
import { control } from '../runner/session.ts';
import { defineCommand, UsageError } from './command.ts';
import { out } from './output.ts';

export default defineCommand({
  name: 'fault',
  usage: 'apply|heal FAULT',
  summary: "apply or heal one of the scenario's faults on the stack held by `lab up` (apply does an action)",
  help: '',
  options: {},
  positionals: { min: 2, max: 2 },
  async run({ positionals }) {
    const [verb, name] = positionals as [string, string];
    if (verb !== 'apply' && verb !== 'heal') throw new UsageError('fault', `"${verb}": expected apply or heal (usage: lab fault apply|heal FAULT)`);
    out(await control(RUNS_DIR, `/${verb}/${encodeURIComponent(name)}`));
    return 0;
  },
});
