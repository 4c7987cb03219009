// `lab list`: the scenario catalog. A file that does not validate is reported and the rest still listed.
import { loadScenario, scenarioNames } from '../scenario/load.ts';
import { defineCommand } from './command.ts';
import { err, out } from './output.ts';

export default defineCommand({
  name: 'list',
  usage: '',
  summary: "the scenario catalog: each scenario's symptom, source and variants",
  help: '  exit code 2 when a file of scenarios/ does not validate (each one is named on stderr)',
  options: {},
  positionals: { min: 0, max: 0 },
  async run() {
    let bad = 0;
    for (const name of scenarioNames()) {
      try {
        const { scenario: s } = await loadScenario(name);
        out(s.name);
        out(`    symptom: ${s.symptom}`);
        out(`    source:  ${s.source}`);
        for (const [v, d] of Object.entries(s.variants)) out(`    variant ${v}: ${d.description}`);
      } catch (e) {
        bad++;
        err(`lab: ${(e as Error).message}`);
      }
    }
    return bad > 0 ? 2 : 0;
  },
});
