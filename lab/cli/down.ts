// `lab down`: stop the stack held by `lab up`.
import { RUNS_DIR } from '../core/run-dir.ts';
import { down } from '../runner/session.ts';
import { defineCommand } from './command.ts';
import { out } from './output.ts';

export default defineCommand({
  name: 'down',
  reapsItself: true,
  usage: '',
  summary: 'stop the stack held by `lab up` (or reap what a crashed one left running)',
  help: '',
  options: {},
  positionals: { min: 0, max: 0 },
  async run() {
    await down(RUNS_DIR, out);
    return 0;
  },
});
