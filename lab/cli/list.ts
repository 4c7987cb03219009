// `lab list`: the scenario catalog. A file that does not validate is reported and the rest still listed.
import { defineCommand } from './command.ts';
import { err, out } from './output.ts';
import { scenarioFiles, tryScenario } from '../scenario/load.ts';

export default defineCommand({
  name: 'list',
  usage: '[--dir DIR]',
  summary: "the scenario catalog: each scenario's symptom, source and variants",
  help: `  --dir DIR      the scenarios folder (default: the lab's scenarios/)

exit codes: 0 every file validates, 2 one or more do not (each named on stderr, with where and what; the others
are still listed)`,
  options: { dir: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values }) {
    let bad = 0;
    for (const file of scenarioFiles(values.dir)) {
      const r = await tryScenario(file);
      if (!r.ok) {
        bad++;
        err(`lab: ${r.message}`);
        continue;
      }
      const s = r.scenario;
      out(s.name);
      out(`    symptom: ${s.symptom}`);
      out(`    source:  ${s.source}`);
      for (const [v, d] of Object.entries(s.variants)) out(`    variant ${v}: ${d.description}`);
    }
    return bad > 0 ? 2 : 0;
  },
});
