// What a run's components need before they start, by runtime: natively, the programs installed (apt, Go, pip);
// in containers, a Docker engine and each role's image built here (nothing rebuilt when present).
import type { LabLog } from '../core/lab-log.ts';
import { imagesOf, programsOf, type TopologyData } from '../products/topology.ts';
import { ensureEngine, imagePresent } from '../provision/engine.ts';
import { ensureImage, type ImageRef, imageTag } from '../provision/images.ts';
import type { Progress } from '../provision/install.ts';
import type { Programs } from '../provision/programs.ts';
import { provision } from '../provision/provision.ts';
import { ContainerLauncher, ImagePrograms } from '../runtime/container.ts';
import type { Runtime } from '../core/run-files.ts';
import type { Launcher } from '../runtime/launcher.ts';
import { NativeLauncher } from '../runtime/native.ts';

/** The image of every run's pod (it holds the network namespace). */
export const POD: ImageRef = { name: 'pod', suite: 'bookworm' };

export interface Launch {
  programs: Programs;
  launcher: Launcher;
  /** what was present or had to be installed (a program, or an image) */
  provisioned: { name: string; installed: boolean; via: string }[];
  /** the image each role runs, in containers */
  images?: Record<string, string>;
}

/** What a stack needs, installed or built (nothing when present): its programs natively, or its images. */
export async function provisionStack(
  runtime: Runtime,
  topology: TopologyData,
  progress: Progress,
  log: LabLog,
): Promise<Omit<Launch, 'launcher'> & { pod?: string }> {
  if (runtime === 'native') {
    const wanted = programsOf(topology);
    const { programs, installed } = await provision(wanted, progress, log);
    return { programs, provisioned: Object.keys(wanted).map((name) => ({ name, installed: installed.includes(name), via: 'lab' })) };
  }
  await ensureEngine(progress, log);
  ContainerLauncher.warmUp();
  const roles = imagesOf(topology);
  // what is present is known at once; what is missing is built one after the other, its progress shown
  const wanted = [...roles.map((r) => r.image), POD];
  const present = await Promise.all(wanted.map((r) => imagePresent(imageTag(r.name, r.suite))));
  const tags: string[] = [];
  for (const [i, { name, suite }] of wanted.entries()) tags.push(present[i] ? imageTag(name, suite) : await ensureImage(name, suite, progress, log));
  const ofProgram = Object.fromEntries(roles.flatMap((r, i) => r.programs.map((p) => [p, tags[i]!])));
  return {
    programs: new ImagePrograms(ofProgram),
    provisioned: tags.map((tag, i) => ({ name: tag, installed: !present[i], via: 'image' })),
    images: Object.fromEntries(roles.map((r, i) => [r.role, tags[i]!])),
    pod: tags.at(-1)!,
  };
}

export async function prepare(runtime: Runtime, topology: TopologyData, run: { id: string; dir: string }, progress: Progress, log: LabLog): Promise<Launch> {
  const { pod, ...ready } = await provisionStack(runtime, topology, progress, log);
  const launcher = runtime === 'native' ? new NativeLauncher() : new ContainerLauncher({ runId: run.id, dir: run.dir, images: ready.images!, pod: pod!, log });
  return { ...ready, launcher };
}
