// The part of a bundle that runs without the lab: compose.yaml and local.env, the rendered configs and Ceph's or
// Swift's entrypoint under stack/, the pushed images as an OCI layout under images/, repro.sh and its lib.sh, and
// build/<image> for a product with no upstream image (MinIO publishes none, Swift never did).
// Every secret of the run is replaced by a fresh one of the same shape (the same everywhere in the bundle);
// the run's directory becomes the mount, this machine's other paths their stand-ins.
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LabEvent } from '../core/events/schema.ts';
import type { RunJson, Verdict } from '../core/run-files.ts';
import { IMAGES_DIR, imageTag } from '../provision/images.ts';
import { PRODUCTS } from '../products/index.ts';
import { imagesOf, type TopologyData } from '../products/topology.ts';
import { readRecipe, type RecipeStep, setupOf } from '../runtime/recipe.ts';
import { composeProject, relocate } from './compose.ts';
import { writeLayout } from './oci-layout.ts';
import { freshSecret, type Redaction, redact } from './redact.ts';
import { reproScript, unscripted } from './repro.ts';

const LIB = join(import.meta.dirname, 'repro-lib.sh');

/** The lab's image folder, suite and tag for each role: the tags the run ran, or those the container runtime would. */
function labImages(run: RunJson) {
  const refs = imagesOf(run.definition.topology as TopologyData);
  return {
    refs: Object.fromEntries(refs.map((r) => [r.role, r.image])),
    tags: Object.fromEntries(refs.map((r) => [r.role, run.images?.[r.role] ?? imageTag(r.image.name, r.image.suite)])),
  };
}

/** An image's folder as a build context without the lab: its base image Debian's own. */
function copyBuild(name: string, to: string): void {
  cpSync(join(IMAGES_DIR, name), to, { recursive: true });
  const dockerfile = join(to, 'Dockerfile');
  writeFileSync(dockerfile, readFileSync(dockerfile, 'utf8').replaceAll('registry-lab/debian:', 'debian:'));
}

export interface Reproducer {
  /** why there is no repro.sh, when there is none */
  missing?: string;
}

export function writeReproducer(
  runDir: string,
  out: string,
  o: { run: RunJson; verdict: Verdict; events: readonly LabEvent[]; redaction: Redaction },
): Reproducer {
  const recipe = readRecipe(runDir);
  if (recipe.length === 0) return { missing: 'the run has no recipe.ndjson (it was made by an older lab)' };
  const cannot = unscripted(o.run, o.events);
  if (cannot.length) return { missing: `no script for ${cannot.join(', ')}` };
  const setup = JSON.parse(relocate(JSON.stringify(setupOf(recipe)), runDir)) as RecipeStep[];
  const upstream = Object.fromEntries(
    Object.entries(o.run.products).map(([role, product]) => [role, PRODUCTS.find(product)?.upstream?.(o.run.versions[product] ?? '')]),
  );
  const images = labImages(o.run);
  const compose = composeProject({ setup, local: images.tags, upstream, images: images.refs });
  const files = { ...compose.files, 'repro.sh': reproScript({ ...o, setup, compose }), 'lib.sh': readFileSync(LIB, 'utf8') };

  const fresh = new Map(o.redaction.secrets.map((s) => [s, freshSecret(s, randomBytes)]));
  const secrets = [...fresh.keys()].sort((a, b) => b.length - a.length);
  const clean = (text: string) =>
    redact(
      secrets.reduce((t, s) => t.replaceAll(s, fresh.get(s)!), text),
      { secrets: [], paths: o.redaction.paths },
    );
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), clean(text));
  }
  chmodSync(join(out, 'repro.sh'), 0o755);
  for (const d of compose.dirs) mkdirSync(join(out, d), { recursive: true });
  writeLayout(join(out, 'images'), o.events);
  for (const name of compose.builds) copyBuild(name, join(out, 'build', name));
  return {};
}
