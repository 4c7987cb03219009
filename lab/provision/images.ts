// Container images the lab builds itself, since no image registry is reachable: base images
// `registry-lab/debian:<suite>` from debootstrap, and one image per product from fixtures/images/<name>/Dockerfile,
// tagged by a hash of its folder, its suite and its build args (a present tag means nothing is rebuilt).
// Which image a product (and version) runs in, each product's definition says (its `image`).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { ProvisionError } from '../core/errors.ts';
import type { LabLog } from '../core/lab-log.ts';
import { dockerCli, imagePresent } from './engine.ts';
import { aptInstall, type Progress } from './install.ts';
import { locate } from './programs.ts';

export const SUITES = ['bookworm', 'trixie', 'forky'] as const;
export type Suite = (typeof SUITES)[number];

/** An image by its folder under fixtures/images and the Debian suite it is built on. */
export interface ImageRef {
  name: string;
  suite: Suite;
}

/** The folder holding one subfolder (Dockerfile and the files it copies) per image. */
export const IMAGES_DIR = resolve(import.meta.dirname, '..', '..', 'fixtures', 'images');

const MIRROR = 'http://deb.debian.org/debian';
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const QUIET_MS = 15_000;
/** Debian's place for the CA certificates a machine adds to its trust store */
const LOCAL_CAS = '/usr/local/share/ca-certificates';

// ---- tags and FROM lines (pure, but for reading the folder) ----------------------------------------------------

/** Every file under `root`, as sorted relative paths with `/` separators. */
function filesUnder(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((rel) => statSync(join(root, rel)).isFile())
    .map((rel) => rel.split(sep).join('/'))
    .sort();
}

/** `registry-lab/<name>:<suite>-<12 hex>`: the hash covers every file of the image's folder, the suite and the build args. */
export function imageTag(name: string, suite: string, args: Readonly<Record<string, string>> = {}, dir = IMAGES_DIR): string {
  const root = join(dir, name);
  if (!existsSync(join(root, 'Dockerfile'))) throw new ProvisionError(`no container image ${name}: ${relative(process.cwd(), root)}/Dockerfile is missing`);
  const h = createHash('sha256');
  for (const rel of filesUnder(root)) {
    const bytes = readFileSync(join(root, rel));
    h.update(`file ${rel} ${bytes.length}\n`);
    h.update(bytes);
  }
  h.update(`suite ${suite}\n`);
  for (const [k, v] of Object.entries(args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) h.update(`arg ${k}=${v}\n`);
  return `registry-lab/${name}:${suite}-${h.digest('hex').slice(0, 12)}`;
}

/** The base suites a Dockerfile's FROM lines need, `${SUITE}` (or `$SUITE`) standing for `suite`. */
export function baseSuites(dockerfile: string, suite: Suite): Suite[] {
  const found = new Set<Suite>();
  for (const m of dockerfile.matchAll(/^\s*FROM\s+(?:--\S+\s+)*registry-lab\/debian:(\w+|\$\{?SUITE\}?)(?=\s|$)/gim)) {
    const s = m[1]!.includes('SUITE') ? suite : m[1]!;
    if (!(SUITES as readonly string[]).includes(s)) throw new ProvisionError(`FROM registry-lab/debian:${s}: the base suites are ${SUITES.join(', ')}`);
    found.add(s as Suite);
  }
  return [...found];
}

// ---- running docker and debootstrap, every line shown ----------------------------------------------------------

/** Debian's 20.10 client when there is one (the newer client on PATH has no buildx); always the legacy builder. */
const docker = dockerCli;
const dockerEnv = (): NodeJS.ProcessEnv => ({ ...process.env, DOCKER_BUILDKIT: '0' });

/** 2m10s, 45s */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** ANSI colour codes (the builder colours a RUN step's stderr red) */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');
/** the legacy builder's line for a failed RUN step, and its lines that say nothing of the failure */
const FAILED_RUN = /^The command '.*' returned a non-zero code: (\d+)$/;
const BUILDER_NOISE = /^(Removing intermediate container|---> )/;

interface Streamed {
  /** what fails, for the error: "image minio (bookworm)" */
  what: string;
  /** put before every line: "  minio: " */
  prefix: string;
  progress: Progress;
  log: LabLog;
  env?: NodeJS.ProcessEnv;
  /** a child whose stdout becomes this one's stdin */
  input?: ChildProcess;
}

/** Runs a command, each output line as progress; a line "still building (…)" after every 15 s of silence. */
function streamed(command: string, args: string[], o: Streamed): Promise<void> {
  o.log.info({ command, args: args.map((a) => (a.startsWith('HOST_CA=') ? 'HOST_CA=…' : a)) }, 'image command');
  const started = Date.now();
  let quietSince = started;
  let last = '';
  let runExit: string | undefined;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env: o.env ?? process.env, stdio: [o.input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    if (o.input?.stdout && child.stdin) o.input.stdout.pipe(child.stdin);
    const timer = setInterval(() => {
      if (Date.now() - quietSince < QUIET_MS) return;
      quietSince = Date.now();
      o.progress(`${o.prefix}still building (${duration(Date.now() - started)})`);
    }, 1000);
    const lines = (stream: NodeJS.ReadableStream) => {
      let partial = '';
      stream.on('data', (chunk: Buffer) => {
        const parts = (partial + chunk.toString()).split(/\r?\n|\r/);
        partial = parts.pop() ?? '';
        for (const p of parts) show(p);
      });
      stream.on('end', () => show(partial));
    };
    const show = (line: string) => {
      const l = line.replace(ANSI, '').trimEnd();
      if (!l.trim()) return;
      const failedRun = FAILED_RUN.exec(l.trim());
      if (failedRun) runExit = failedRun[1];
      else if (!BUILDER_NOISE.test(l.trim())) last = l.trim();
      quietSince = Date.now();
      o.progress(`${o.prefix}${l}`);
    };
    lines(child.stdout!);
    lines(child.stderr!);
    child.once('error', (e) => {
      clearInterval(timer);
      reject(new ProvisionError(`${o.what}: cannot run ${command}: ${e.message}`));
    });
    child.once('close', (code) => {
      clearInterval(timer);
      o.log.info({ command, code, ms: Date.now() - started }, 'image command exited');
      if (code === 0) return resolvePromise();
      const step = [command.split('/').at(-1), ...args.slice(0, 1).filter((a) => !a.startsWith('-'))].join(' ');
      const failed = runExit === undefined ? `${step} exited ${code}` : `a RUN step of ${step} exited ${runExit}`;
      reject(new ProvisionError(`${o.what}: ${failed}: ${last || '(no output)'}`));
    });
  });
}

// ---- base images ------------------------------------------------------------------------------------------------

/** Unmounts whatever debootstrap left mounted under the rootfs (proc, sys on a failed run); true when none is left. */
function unmountUnder(rootfs: string): boolean {
  const mounted = () =>
    readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[1] ?? '')
      .filter((m) => m.startsWith(`${rootfs}/`));
  for (const m of mounted().sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m], { stdio: 'ignore' });
  return mounted().length === 0;
}

/** Slims a fresh rootfs as Debian's official image is: no .debs or apt lists kept, no translations, no host names. */
function slim(rootfs: string, suite: Suite): void {
  const clear = (dir: string, keep: string[] = []) => {
    const d = join(rootfs, dir);
    if (!existsSync(d)) return;
    for (const f of readdirSync(d)) if (!keep.includes(f)) rmSync(join(d, f), { recursive: true, force: true });
  };
  clear('var/lib/apt/lists', ['partial', 'lock']);
  clear('var/cache/apt/archives', ['partial', 'lock']);
  for (const f of readdirSync(join(rootfs, 'var/cache/apt'))) if (f.endsWith('.bin')) rmSync(join(rootfs, 'var/cache/apt', f));
  writeFileSync(join(rootfs, 'etc/resolv.conf'), '');
  writeFileSync(join(rootfs, 'etc/hostname'), 'localhost\n');
  const conf = join(rootfs, 'etc/apt/apt.conf.d');
  mkdirSync(conf, { recursive: true });
  const clean = 'rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true';
  writeFileSync(
    join(conf, 'docker-clean'),
    `DPkg::Post-Invoke { "${clean}"; };\nAPT::Update::Post-Invoke { "${clean}"; };\nDir::Cache::pkgcache "";\nDir::Cache::srcpkgcache "";\n`,
  );
  writeFileSync(join(conf, 'docker-no-languages'), 'Acquire::Languages "none";\n');
  // forky's Release file on the mirror is past its Valid-Until
  if (suite === 'forky') writeFileSync(join(conf, 'docker-no-check-valid-until'), 'Acquire::Check-Valid-Until "false";\n');
}

const baseBuilds = new Map<string, Promise<string>>();

/** `registry-lab/debian:<suite>`, built with debootstrap (minbase) and `docker import` when absent. */
export async function ensureBase(suite: Suite, progress: Progress, log: LabLog): Promise<string> {
  const tag = `registry-lab/debian:${suite}`;
  let p = baseBuilds.get(tag);
  if (!p) {
    p = buildBase(suite, tag, progress, log);
    p.catch(() => baseBuilds.delete(tag));
    baseBuilds.set(tag, p);
  }
  return p;
}

async function buildBase(suite: Suite, tag: string, progress: Progress, log: LabLog): Promise<string> {
  if (await imagePresent(tag)) return tag;
  if (locate('debootstrap', { via: 'apt', package: 'debootstrap' }) === null) await aptInstall(['debootstrap'], progress, log);
  if (process.getuid?.() !== 0) throw new ProvisionError(`base image ${tag} is missing and debootstrap needs root: run the lab as root once to build it`);
  const started = Date.now();
  const rootfs = mkdtempSync(join(tmpdir(), `registry-lab-rootfs-${suite}-`));
  const o = { what: `base image ${tag}`, prefix: `  debian:${suite}: `, progress, log };
  progress(`image debian (${suite}): debootstrap into ${rootfs}`);
  try {
    // bookworm's debootstrap has no forky script: sid's bootstraps it
    const script = suite === 'forky' ? ['/usr/share/debootstrap/scripts/sid'] : [];
    await streamed('debootstrap', ['--variant=minbase', suite, rootfs, MIRROR, ...script], o);
    slim(rootfs, suite);
    const tar = spawn('tar', ['-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let tarError = '';
    tar.stderr.on('data', (b: Buffer) => (tarError = b.toString().trim().split('\n').at(-1) ?? ''));
    const tarDone = new Promise<number | null>((r) => tar.once('close', r));
    const changes = ['CMD ["bash"]', `ENV PATH=${PATH}`, `LABEL registry-lab.image=debian registry-lab.suite=${suite}`];
    await streamed(docker(), ['import', ...changes.flatMap((c) => ['--change', c]), '-', tag], { ...o, env: dockerEnv(), input: tar });
    const tarCode = await tarDone;
    if (tarCode !== 0) throw new ProvisionError(`base image ${tag}: tar of the rootfs exited ${tarCode}: ${tarError}`);
    progress(`image debian (${suite}): built ${tag} in ${duration(Date.now() - started)}`);
    return tag;
  } finally {
    if (unmountUnder(rootfs)) rmSync(rootfs, { recursive: true, force: true });
    else log.error({ rootfs }, 'rootfs still has mounts: left in place');
  }
}

// ---- product images ---------------------------------------------------------------------------------------------

/** The CA certificates this machine adds to Debian's (a TLS-intercepting proxy's among them), as one PEM text. A
 * Dockerfile that declares `ARG HOST_CA` gets them, to trust in the build stage that downloads over HTTPS (Go
 * modules, PyPI); final stages never see them. They are not part of the image's tag. */
function hostCAs(): string {
  if (!existsSync(LOCAL_CAS)) return '';
  return filesUnder(LOCAL_CAS)
    .filter((f) => f.endsWith('.crt'))
    .map((f) => readFileSync(join(LOCAL_CAS, f), 'utf8').trim())
    .join('\n');
}

const imageBuilds = new Map<string, Promise<string>>();

/** The tag of image `name` on `suite`, built (with the base images its FROM lines need) when absent. */
export async function ensureImage(name: string, suite: Suite, progress: Progress, log: LabLog, args: Readonly<Record<string, string>> = {}): Promise<string> {
  const tag = imageTag(name, suite, args);
  let p = imageBuilds.get(tag);
  if (!p) {
    p = buildImage(name, suite, tag, args, progress, log);
    p.catch(() => imageBuilds.delete(tag));
    imageBuilds.set(tag, p);
  }
  return p;
}

async function buildImage(name: string, suite: Suite, tag: string, args: Readonly<Record<string, string>>, progress: Progress, log: LabLog): Promise<string> {
  if (await imagePresent(tag)) return tag;
  const dir = join(IMAGES_DIR, name);
  const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
  for (const s of baseSuites(dockerfile, suite)) await ensureBase(s, progress, log);
  const started = Date.now();
  progress(`image ${name} (${suite}): building ${tag}`);
  const ca = /^\s*ARG\s+HOST_CA\s*$/m.test(dockerfile) ? { HOST_CA: hostCAs() } : {};
  const buildArgs = Object.entries({ ...args, ...ca, SUITE: suite }).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
  const labels = ['--label', `registry-lab.image=${name}`, '--label', `registry-lab.suite=${suite}`];
  await streamed(docker(), ['build', '--force-rm', '-t', tag, ...buildArgs, ...labels, dir], {
    what: `image ${name} (${suite})`,
    prefix: `  ${name}: `,
    progress,
    log,
    env: dockerEnv(),
  });
  progress(`image ${name} (${suite}): built ${tag} in ${duration(Date.now() - started)}`);
  return tag;
}
