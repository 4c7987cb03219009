// `lab validate [FILE…]`: checks scenario files as `lab scenario` does before it starts anything (the shape,
// every rule, every variant), and starts, provisions and writes nothing. A file that does not validate is one
// line on stderr; the others are still checked.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../core/errors.ts';
import { scenarioFiles, scenarioNames, tryScenario } from '../scenario/load.ts';
import { defineCommand } from './command.ts';
import { err, out, shown } from './output.ts';

/** A FILE argument: a path as given; a name, in `dir` when one is given (else loadScenario looks in scenarios/). */
function locateIn(dir: string | undefined, arg: string): string {
  if (dir === undefined || /\.(ts|json)$/.test(arg) || arg.includes('/')) return arg;
  for (const ext of ['.ts', '.json']) if (existsSync(join(dir, arg + ext))) return join(dir, arg + ext);
  throw new ScenarioError(`unknown scenario "${arg}" in ${shown(dir)}; known: ${scenarioNames(dir).join(', ')}`);
}

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
        r = await tryScenario(locateIn(dir, arg));
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
