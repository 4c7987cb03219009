// `lab validate [FILE…]`: checks scenario files as `lab scenario` does before it starts anything (the shape,
// every rule, every variant), and starts, provisions and writes nothing. A file that does not validate is one
// line on stderr; the others are still checked.
import { locate, scenarioFiles, tryScenario } from '../scenario/load.ts';
import { defineCommand } from './command.ts';
import { err, out } from './output.ts';

export default defineCommand({
  name: 'validate',
  usage: '[FILE…] [--dir DIR]',
  summary: 'check scenario files (every variant, every rule) without starting or installing anything',
  help: `  FILE           a scenario file (.ts or .json), or the name of one in the scenarios folder; none: every file of it
  --dir DIR      the scenarios folder (default: the lab's scenarios/)

  prints "ok FILE (N variants)" for each file that validates, and one line "lab: FILE: WHERE: WHAT" on stderr
  for each that does not

exit codes: 0 every file validates, 2 one or more do not`,
  options: { dir: { type: 'string' } },
  positionals: { min: 0, max: 100_000 },
  async run({ values, positionals }) {
    const dir = values.dir;
    let bad = 0;
    const files = positionals.length > 0 ? positionals : scenarioFiles(dir);
    for (const arg of files) {
      let r: Awaited<ReturnType<typeof tryScenario>>;
      try {
        r = await tryScenario(dir === undefined ? arg : locate(arg, dir));
      } catch (e) {
        r = { ok: false, message: (e as Error).message };
      }
      if (r.ok) {
        const n = Object.keys(r.scenario.variants).length;
        out(`ok ${r.shown} (${n} variant${n === 1 ? '' : 's'})`);
      } else {
        bad++;
        err(`lab: ${r.message}`);
      }
    }
    return bad > 0 ? 2 : 0;
  },
});
