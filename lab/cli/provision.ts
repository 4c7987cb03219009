// `lab provision [NAME…]`: install what scenarios (or programs) need; nothing that is present. With
// `--runtime container`: the Docker engine and the images instead, built here.
import { consoleLog } from '../core/lab-log.ts';
import { PROGRAMS, PRODUCTS } from '../products/index.ts';
import { imagesOf, programsOf, type TopologyData } from '../products/topology.ts';
import { ensureEngine } from '../provision/engine.ts';
import { ensureImage, type ImageRef } from '../provision/images.ts';
import type { Source } from '../provision/programs.ts';
import { provision } from '../provision/provision.ts';
import { POD } from '../runner/launch.ts';
import { CEPH_CHOICES, parseChoice, REGISTRY_CHOICES } from '../scenario/choice.ts';
import { loadScenario, validate, withVariant } from '../scenario/load.ts';
import { defineCommand } from './command.ts';
import { err, out } from './output.ts';

export default defineCommand({
  name: 'provision',
  usage: `[NAME…] [--runtime native|container] [--ceph ${CEPH_CHOICES.join(',')}] [--registry ${REGISTRY_CHOICES.join(',')}]`,
  summary: 'install what the named scenarios (or programs, e.g. tmux) need; everything the lab runs when none is named',
  help: `  programs: ${Object.keys(PROGRAMS).join(', ')}
  apt packages as root, Go modules with go install, envoy with pip into a virtualenv the lab owns
  --runtime container   the Docker engine (docker.io, dockerd started when absent) and the images the scenarios
                        run in, built here from Debian suites; every image of every product when none is named
  --ceph A,B            with --runtime container: also these Ceph releases for scenarios on Ceph
  --registry A,B        with --runtime container: also these Distribution versions`,
  options: { runtime: { type: 'string' }, ceph: { type: 'string' }, registry: { type: 'string' } },
  positionals: { min: 0, max: 1000 },
  async run({ values, positionals }) {
    const { runtime } = parseChoice({ runtime: values.runtime });
    if ((runtime ?? 'native') === 'container') return images(positionals, values);
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

/** The images of the named scenarios (every variant; the Ceph releases and registry versions asked for besides
 * their own), or of every product and version when none is named; and the pod's. */
async function images(names: string[], values: { ceph?: string; registry?: string }): Promise<number> {
  const asked = (option: 'ceph' | 'registry') => {
    const l = values[option]?.split(',').filter(Boolean) ?? [];
    for (const x of l) parseChoice({ [option]: x });
    return l;
  };
  const versions = { ceph: asked('ceph'), distribution: asked('registry') } as Record<string, string[]>;
  const refs = new Map<string, ImageRef>();
  const add = (r: ImageRef) => refs.set(`${r.name} ${r.suite}`, r);
  if (names.length === 0) for (const p of PRODUCTS.all) for (const version of p.versions ?? [undefined]) add(p.image({ version }));
  for (const n of names) {
    const l = await loadScenario(n);
    for (const s of [l.scenario, ...Object.keys(l.scenario.variants).map((v) => validate(withVariant(l.raw, v), l.shown))])
      for (const { image } of imagesOf(s.topology as TopologyData)) add(image);
    for (const [product, vs] of Object.entries(versions)) {
      const uses = l.scenario.topology['object-store']?.product === product || product === 'distribution';
      if (uses) for (const version of vs) add(PRODUCTS.get(product).image({ version }));
    }
  }
  add(POD);
  const log = consoleLog();
  await ensureEngine(err, log);
  const tags: string[] = [];
  for (const r of refs.values()) tags.push(await ensureImage(r.name, r.suite, err, log));
  out(`images: ${tags.join(', ')}`);
  return 0;
}
