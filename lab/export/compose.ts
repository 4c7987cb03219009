// A run's stack as a compose project, from the run's recipe: one service per component, on the host's network
// (every program listens on 127.0.0.1 and the ports of the run, as its configs say), the run directory's
// rendered configs under stack/ mounted at /repro. Each service names its product's upstream image, overridable
// by <ROLE>_IMAGE; local.env names the lab's own images. A component that started with more than one program
// or command (Ceph's mon, OSD and radosgw; Swift's servers) gets an entrypoint script that does what the lab
// did, in the same order. Pure: the caller writes the files.
import { basename, posix } from 'node:path';
import { shellWord } from '../core/shell.ts';
import type { Upstream } from '../products/product.ts';
import type { RecipeStep } from '../runtime/recipe.ts';

/** Where the bundle's stack/ is mounted in every container. */
export const MOUNT = '/repro';

export interface ComposeInput {
  /** the recipe's steps up to each component's readiness, in order, relocated (paths under MOUNT) */
  setup: readonly RecipeStep[];
  /** per role, the lab's image for it */
  local: Readonly<Record<string, string>>;
  /** per role, its product's upstream image; a role without one is built from the lab's Dockerfile, copied
   * into the bundle's build/<name> */
  upstream: Readonly<Record<string, Upstream | undefined>>;
  /** per role, the lab's image folder and Debian suite */
  images: Readonly<Record<string, { name: string; suite: string }>>;
}

export interface ComposeProject {
  /** files of the bundle by relative path: compose.yaml, local.env, stack/… */
  files: Record<string, string>;
  /** directories the programs need, relative to the bundle */
  dirs: string[];
  /** the roles in the order they were ready, with the address each answers on */
  services: { role: string; endpoint: string }[];
  /** the lab's image folders the project builds (products with no upstream image) */
  builds: string[];
  /** per role, the variable naming its program where the upstream image calls it otherwise */
  programVars: Record<string, { name: string; upstream: string }>;
}

/** The text with the run's paths moved under the mount and its wildcard listens on loopback. */
export function relocate(text: string, runDir: string): string {
  return text.replaceAll(runDir, MOUNT).replaceAll('0.0.0.0', '127.0.0.1');
}

/** A path under the mount as a path of the bundle. */
const inStack = (path: string) => posix.join('stack', posix.relative(MOUNT, path));

const varOf = (role: string, what: string) => `${role.toUpperCase().replaceAll('-', '_')}_${what}`;
/** a literal word in compose.yaml: `$` is compose's interpolation */
const composeWord = (w: string) => JSON.stringify(w.replaceAll('$', () => '$$'));

type Spawn = Extract<RecipeStep, { kind: 'spawn' }>;
type Run = Extract<RecipeStep, { kind: 'run' }>;

function envWords(env: Readonly<Record<string, string>>): string[] {
  return Object.entries(env).map(([k, v]) => `${k}=${v}`);
}

/** The entrypoint of a component that started with several programs or commands: its steps in order, the
 * commands after a program has started retried until they succeed (the lab waited for each program's answer). */
function entrypoint(role: string, product: string, steps: readonly (Spawn | Run)[]): string {
  const lines = [
    '#!/bin/sh',
    `# ${role} (${product}): its programs and commands in the order the lab ran them`,
    'set -e',
    'pids=',
    "trap 'kill $pids 2>/dev/null; wait; exit 0' TERM INT",
    'retry() { i=0; until "$@"; do i=$((i + 1)); [ $i -lt 90 ] || return 1; sleep 1; done; }',
  ];
  let started = false;
  for (const s of steps) {
    const words = [basename(s.command), ...s.args];
    const env = envWords(s.env);
    if (s.kind === 'run') {
      const command = ['env', ...env, ...words].map(shellWord).join(' ');
      lines.push(started ? `retry ${command}` : command);
    } else {
      lines.push(`(cd ${shellWord(s.cwd)} && exec ${['env', ...env, ...words].map(shellWord).join(' ')}) &`, 'pids="$pids $!"');
      started = true;
    }
  }
  lines.push('wait');
  return `${lines.join('\n')}\n`;
}

export function composeProject(o: ComposeInput): ComposeProject {
  const files: Record<string, string> = {};
  const dirs = new Set<string>();
  const roles = [...new Set(o.setup.map((s) => s.role))];
  const services: ComposeProject['services'] = [];
  const programVars: ComposeProject['programVars'] = {};
  const builds = new Set<string>();
  const yaml = ['# The stack of the run, one service per component (REPORT.md says what ran; ./repro.sh runs it)', 'services:'];
  const env = ['# The lab’s own images (built by `lab provision --runtime container SCENARIO`): ./repro.sh --local'];

  for (const role of roles) {
    const steps = o.setup.filter((s) => s.role === role);
    for (const s of steps) {
      if (s.kind === 'dir') dirs.add(inStack(s.path));
      if (s.kind === 'file') files[inStack(s.path)] ??= s.text;
    }
    const ready = steps.find((s) => s.kind === 'ready');
    const programs = steps.filter((s): s is Spawn | Run => s.kind === 'spawn' || s.kind === 'run');
    const up = o.upstream[role];
    const built = o.images[role];
    if (!ready || !programs.some((s) => s.kind === 'spawn') || !(up || built)) continue;
    services.push({ role, endpoint: ready.endpoint });
    const product = steps[0]!.product;
    const imageVar = varOf(role, 'IMAGE');
    const local = o.local[role];
    if (local) env.push(`${imageVar}=${local}`);
    if (up) yaml.push(`  ${role}:`, `    image: \${${imageVar}:-${up.image}}`);
    else {
      yaml.push(`  ${role}:`, `    image: \${${imageVar}:-repro/${built!.name}:${built!.suite}}`);
      yaml.push(`    build: {context: ./build/${built!.name}, args: {SUITE: ${built!.suite}}}`);
      builds.add(built!.name);
    }
    yaml.push('    network_mode: host', '    init: true');
    yaml.push(`    volumes: ["\${REPRO_DIR:-./stack}:${MOUNT}"]`);
    const only = programs.length === 1 ? (programs[0] as Spawn) : undefined;
    if (only) {
      const program = basename(only.command);
      const renamed = up?.programs?.[program];
      let first = composeWord(program);
      if (renamed) {
        const name = varOf(role, 'PROGRAM');
        programVars[role] = { name, upstream: renamed };
        env.push(`${name}=${program}`);
        first = JSON.stringify(`\${${name}:-${renamed}}`);
      }
      yaml.push(`    working_dir: ${composeWord(only.cwd)}`);
      yaml.push(`    entrypoint: [${[first, ...only.args.map(composeWord)].join(', ')}]`);
      const vars = Object.entries(only.env);
      if (vars.length) yaml.push('    environment:', ...vars.map(([k, v]) => `      ${k}: ${composeWord(v)}`));
    } else {
      files[`stack/entrypoints/${role}.sh`] = entrypoint(role, product, programs);
      yaml.push(`    working_dir: ${MOUNT}`, `    entrypoint: ["sh", "${MOUNT}/entrypoints/${role}.sh"]`);
    }
  }
  files['compose.yaml'] = `${yaml.join('\n')}\n`;
  files['local.env'] = `${env.join('\n')}\n`;
  return { files, dirs: [...dirs], services, programVars, builds: [...builds] };
}
