// Time to build the container images one scenario needs (stream-idle-504 unless named), the base images included:
// each image's build time, its size, and the total.
// Usage: node --import tsx bench/images.ts [--fresh] [SCENARIO]
//   --fresh  first removes every registry-lab/* image, to measure a machine that has none: new base images have
//            new ids, so no layer the builder cached (build stages left dangling included) is used again
//   --quiet  only the lab's own progress lines, not every line of the builds
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleLog } from '../lab/core/lab-log.ts';
import { dockerCli } from '../lab/provision/engine.ts';
import { imagesOf, type TopologyData } from '../lab/products/topology.ts';
import { ensureEngine } from '../lab/provision/engine.ts';
import { baseSuites, ensureBase, ensureImage, IMAGES_DIR, type ImageRef, type Suite } from '../lab/provision/images.ts';
import { POD } from '../lab/runner/launch.ts';
import { loadScenario } from '../lab/scenario/load.ts';

const fresh = process.argv.includes('--fresh');
const name = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'stream-idle-504';
const docker = dockerCli();
const log = consoleLog();
const quiet = process.argv.includes('--quiet');
const progress = (line: string) => {
  if (!quiet || !line.startsWith('  ')) console.log(line);
};

const sizeOf = (tag: string) => Number(execFileSync(docker, ['image', 'inspect', '--format', '{{.Size}}', tag], { encoding: 'utf8' }).trim());
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

await ensureEngine(progress, log);
const { scenario } = await loadScenario(name);
const images = new Map<string, ImageRef>();
for (const ref of [...imagesOf(scenario.topology as TopologyData).map((i) => i.image), POD]) images.set(`${ref.name}:${ref.suite}`, ref);

if (fresh) {
  const tags = execFileSync(docker, ['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', 'reference=registry-lab/*'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  if (tags.length > 0) execFileSync(docker, ['rmi', ...tags], { stdio: 'inherit' });
}

const rows: { image: string; ms: number; size: number }[] = [];
const timed = async (image: string, build: () => Promise<string>) => {
  const t = Date.now();
  const tag = await build();
  rows.push({ image, ms: Date.now() - t, size: sizeOf(tag) });
};
const started = Date.now();
// the base images first (those of build stages too), so each product image's time is its own build
const bases = new Set<Suite>();
for (const r of images.values()) for (const s of baseSuites(readFileSync(join(IMAGES_DIR, r.name, 'Dockerfile'), 'utf8'), r.suite)) bases.add(s);
for (const suite of bases) await timed(`debian:${suite}`, () => ensureBase(suite, progress, log));
for (const ref of images.values()) await timed(`${ref.name}:${ref.suite}`, () => ensureImage(ref.name, ref.suite, progress, log));
const total = Date.now() - started;

console.log(`\n${name}: ${images.size} images${fresh ? ' (fresh)' : ''}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(`${'image'.padEnd(28)}${'build'.padStart(10)}${'size'.padStart(10)}`);
for (const r of rows) console.log(`${r.image.padEnd(28)}${secs(r.ms).padStart(10)}${mb(r.size).padStart(10)}`);
console.log(`${'total'.padEnd(28)}${secs(total).padStart(10)}`);
