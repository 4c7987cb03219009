// `lab replay RUN`: the run's timeline in the terminal.
import { findRun } from '../core/run-dir.ts';
import { defineCommand } from './command.ts';
import { out } from './output.ts';

export default defineCommand({
  name: 'replay',
  usage: 'RUN [--plain]',
  summary: 'the run\'s timeline in the terminal (RUN: an id, a path, or "last")',
  help: `  --plain        plain text (the lanes and one line per event), also whenever stdout is not a terminal
keys: space play/pause, ←/→ step, [ ] speed, g/G start/end, / filter (a component, op kind, outcome, status or
type, or text in a path, log line, error or host), n next finding, enter the whole event, q quit`,
  options: { plain: { type: 'boolean' } },
  positionals: { min: 0, max: 1 },
  async run({ values, positionals }, ui) {
    await ui.replay(findRun(positionals[0] ?? 'last'), values.plain, out);
    return 0;
  },
});
