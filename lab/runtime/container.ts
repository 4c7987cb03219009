// The container launcher: each program of a component runs in a container of its product's image (built here),
// with the run directory bind-mounted at the same path. A run has one network, and one network namespace on it
// held by a "pod" container (as a Kubernetes pod's); every component's containers join that namespace, so the
// links and configs name 127.0.0.1 and the same ports as natively, Toxiproxy in its own container among them.
// The pod publishes the ports the lab connects to on the host's 127.0.0.1 only. One-shot commands run by
// `docker exec` in a toolbox container per component (its image, idle). Everything carries the run's labels; a
// program's container goes once it has exited, the pod as the stack begins to stop, the network last.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getContainerRuntimeClient, GenericContainer, type StartedTestContainer, type WaitStrategy } from 'testcontainers';
import { ComponentError } from '../core/errors.ts';
import { Programs, toolsDir } from '../provision/programs.ts';
import type { LabLog } from '../core/lab-log.ts';
import { dockerCli } from '../provision/engine.ts';
import { OWNER_LABEL, owner, RUN_LABEL } from './container-labels.ts';
import { listen, type Launcher } from './launcher.ts';
import { runOnce, type OneShot, type Ran } from './one-shot.ts';
import { type Exit, ManagedProcess, type ProcessOptions } from './process.ts';

const exec = promisify(execFile);

// Ryuk's image cannot be pulled here, and the host is this machine: the lab reaps by its own labels
process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';

export interface ContainerPlan {
  runId: string;
  dir: string;
  /** the image of each role's component */
  images: Readonly<Record<string, string>>;
  /** the image of the pod (it sleeps, and relays to the lab's own servers) */
  pod: string;
  log: LabLog;
}

/** `-e NAME` for each variable (the docker client passes on its own value: no secret on a command line). */
function envFlags(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((k) => k !== 'PATH' && k !== 'HOME')
    .flatMap((k) => ['-e', k]);
}

/** The environment of a docker client that passes `env` on. */
function clientEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PATH: process.env.PATH, HOME: process.env.HOME, ...(process.env.DOCKER_HOST && { DOCKER_HOST: process.env.DOCKER_HOST }) };
}

function docker(args: string[]): void {
  execFileSync(dockerCli(), args, { stdio: 'ignore', timeout: 30_000 });
}

/** A program in its container: the docker client runs it attached, so its output and exit are the process's;
 * signals go to the container (SIGSTOP/SIGCONT as the engine's pause and unpause). */
class ContainerProcess extends ManagedProcess {
  constructor(
    readonly container: string,
    opts: ProcessOptions,
  ) {
    super(opts);
  }

  override signal(sig: NodeJS.Signals): void {
    if (!this.running) return;
    try {
      if (sig === 'SIGSTOP') docker(['pause', this.container]);
      else if (sig === 'SIGCONT') docker(['unpause', this.container]);
      else docker(['kill', '--signal', sig, this.container]);
    } catch {
      /* exited meanwhile */
    }
  }

  override async stop(graceMs = 5000): Promise<Exit> {
    this.stopping = true;
    // the engine sends SIGTERM, then SIGKILL after the grace time; a container already gone is fine
    if (this.running)
      await getContainerRuntimeClient()
        .then((c) => c.container.getById(this.container).stop({ t: Math.ceil(graceMs / 1000) }))
        .catch(() => undefined);
    return this.exited;
  }
}

/** Ready once running: the pod and the toolboxes only sleep (by default testcontainers would wait for the pod's
 * ports, where nothing listens yet). */
const RUNNING: WaitStrategy = {
  waitUntilReady: async () => undefined,
  withStartupTimeout() {
    return this;
  },
  isStartupTimeoutSet: () => false,
  getStartupTimeout: () => 0,
};

/** The pod: it holds the run's network namespace and publishes the run's ports on 127.0.0.1 only. */
class Pod extends GenericContainer {
  protected override async beforeContainerCreated(): Promise<void> {
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {})) for (const b of bindings as { HostIp?: string }[]) b.HostIp = '127.0.0.1';
  }
}

export class ContainerLauncher implements Launcher {
  readonly runtime = 'container';
  readonly bindHost = '0.0.0.0';
  private readonly labels: Record<string, string>;
  private readonly prefix: string;
  private network: string | undefined;
  private readonly toolboxes = new Map<string, Promise<StartedTestContainer>>();
  private readonly removing: Promise<unknown>[] = [];
  private spawned = 0;

  constructor(private readonly plan: ContainerPlan) {
    this.labels = { [RUN_LABEL]: plan.runId, [OWNER_LABEL]: owner() };
    this.prefix = `registry-lab-${plan.runId}`;
  }

  /** Starts connecting to the engine (testcontainers' client finds and checks it once per process). */
  static warmUp(): void {
    getContainerRuntimeClient().catch(() => undefined);
  }

  private get podName(): string {
    return `${this.prefix}-pod`;
  }

  async open(ports: readonly number[]): Promise<void> {
    const client = await getContainerRuntimeClient();
    const network = await client.network.create({ Name: this.prefix, Labels: this.labels, CheckDuplicate: true });
    this.network = network.id;
    this.plan.log.info({ network: this.prefix, ports: ports.length }, 'container network');
    await new Pod(this.plan.pod)
      .withName(this.podName)
      .withLabels(this.labels)
      .withNetworkMode(this.prefix)
      .withBindMounts([{ source: this.plan.dir, target: this.plan.dir }])
      .withExposedPorts(...ports.map((p) => ({ container: p, host: p })))
      .withCommand(['sleep', 'infinity'])
      .withWaitStrategy(RUNNING)
      .start();
  }

  private image(component: string): string {
    const image = this.plan.images[component];
    if (!image) throw new ComponentError(component, 'no image for this component');
    return image;
  }

  /** The options of a container in the pod's namespace with the run directory mounted. */
  private joined(env: NodeJS.ProcessEnv, cwd = this.plan.dir): string[] {
    const labels = Object.entries(this.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    return [...labels, '--network', `container:${this.podName}`, '-v', `${this.plan.dir}:${this.plan.dir}`, '-w', cwd, ...envFlags(env)];
  }

  spawn(component: string, opts: ProcessOptions): ManagedProcess {
    const name = `${this.prefix}-${component}-${opts.name}-${++this.spawned}`;
    // not --rm: the client then exits as the program does, not once the engine has removed its container; the
    // container goes right after, while the run goes on
    const via = [dockerCli(), 'run', '--init', '--name', name, ...this.joined(opts.env, opts.cwd), this.image(component)];
    const p = new ContainerProcess(name, { ...opts, env: clientEnv(opts.env), via });
    void p.exited.then(() => this.removing.push(remove(name)));
    return p;
  }

  /** The idle container one-shot commands of a component run in. */
  private toolbox(component: string): Promise<StartedTestContainer> {
    let box = this.toolboxes.get(component);
    if (!box) {
      box = new GenericContainer(this.image(component))
        .withName(`${this.prefix}-${component}-tools`)
        .withLabels(this.labels)
        .withNetworkMode(`container:${this.podName}`)
        .withBindMounts([{ source: this.plan.dir, target: this.plan.dir }])
        .withCommand(['sleep', 'infinity'])
        .withWaitStrategy(RUNNING)
        .start();
      this.toolboxes.set(component, box);
    }
    return box;
  }

  /** The pod goes as the stack begins to stop, with the ports it published (removing them takes the engine a
   * while); the programs keep its network namespace until they have stopped. */
  close(): void {
    this.removing.push(remove(this.podName));
  }

  /** A component that stopped runs no more one-shots: its toolbox goes now, while the others stop. */
  retire(component: string): void {
    const box = this.toolboxes.get(component);
    if (!box) return;
    this.toolboxes.delete(component);
    this.removing.push(box.then((b) => remove(b.getId())));
  }

  /** The lab's server on a Unix socket in the run directory, and socat in the pod relaying 127.0.0.1:port there. */
  async serve(server: Server, port: number): Promise<void> {
    const path = join(this.plan.dir, `lab-${port}.sock`);
    if (path.length > 107) throw new ComponentError('lab', `the run directory's path is too long for a Unix socket: ${path}`);
    await listen(server, { path });
    docker(['exec', '-d', this.podName, 'socat', `TCP-LISTEN:${port},bind=127.0.0.1,fork,reuseaddr`, `UNIX-CONNECT:${path}`]);
  }

  async runOnce(runDir: string, o: OneShot): Promise<Ran> {
    const box = await this.toolbox(o.component);
    // a one-shot killed by the lab at its timeout would go on inside the container: `timeout` ends it there
    const limit = ['timeout', '-s', 'KILL', String(Math.ceil(o.timeoutMs / 1000) + 1)];
    const via = [dockerCli(), 'exec', '-w', runDir, ...envFlags(o.env), box.getId(), ...limit];
    return runOnce(runDir, { ...o, env: clientEnv(o.env), via });
  }

  /** Removes what is left of the run (toolboxes, the pod, a program that would not stop) at once, then its
   * network; what cannot be removed now the next lab command removes (its owner is gone by then). */
  async [Symbol.asyncDispose](): Promise<void> {
    for (const component of [...this.toolboxes.keys()]) this.retire(component);
    try {
      await Promise.allSettled(this.removing);
      const { dockerode } = (await getContainerRuntimeClient()).container;
      const left = await dockerode.listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${this.plan.runId}`] } });
      await Promise.all(left.map((c) => remove(c.Id)));
      if (this.network) await dockerode.getNetwork(this.network).remove();
    } catch (e) {
      this.plan.log.warn({ err: (e as Error).message }, 'containers of the run not removed');
    }
    this.network = undefined;
  }
}

/** Removes a container at once, with its anonymous volumes; one already gone, or going, is fine. */
async function remove(id: string): Promise<void> {
  const { container } = await getContainerRuntimeClient();
  await container
    .getById(id)
    .remove({ force: true, v: true })
    .catch((e: { statusCode?: number }) => {
      if (e.statusCode !== 404 && e.statusCode !== 409) throw e;
    });
}

/** The programs of a run in containers: each by its name on its image's PATH. What a program answers is asked
 * once per image (a container per question would slow every start) and kept by the image's id. */
export class ImagePrograms extends Programs {
  constructor(private readonly images: Readonly<Record<string, string>>) {
    super(Object.fromEntries(Object.keys(images).map((p) => [p, p])));
  }

  override async firstLine(name: string, args: string[]): Promise<string> {
    const image = this.images[name] ?? this.path(name);
    const { Id } = await (await getContainerRuntimeClient()).container.dockerode.getImage(image).inspect();
    const key = [Id, name, ...args].join(' ');
    const answers = readAnswers();
    if (answers[key] !== undefined) return answers[key];
    const { stdout, stderr } = await exec(dockerCli(), ['run', '--rm', image, name, ...args], { timeout: 30_000 });
    const line = (stdout.trim() || stderr.trim()).split('\n')[0] ?? '';
    // whole or not at all: other runs read it meanwhile
    mkdirSync(toolsDir(), { recursive: true });
    const next = `${ANSWERS()}.${process.pid}`;
    writeFileSync(next, JSON.stringify({ ...readAnswers(), [key]: line }, null, 1));
    renameSync(next, ANSWERS());
    return line;
  }
}

const ANSWERS = () => join(toolsDir(), 'image-answers.json');

function readAnswers(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(ANSWERS(), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}
