// The container launcher: each program of a component runs in a container of its product's image (built here),
// with the run directory bind-mounted at the same path. A run has one network, and one network namespace on it
// held by a "pod" container (as a Kubernetes pod's); every component's containers join that namespace, so the
// links and configs name 127.0.0.1 and the same ports as natively, Toxiproxy in its own container among them.
// The pod publishes the ports the lab connects to on the host's 127.0.0.1 only. One-shot commands run by
// `docker exec` in a toolbox container per component (its image, idle). Everything carries the run's labels.
import { execFile, execFileSync } from 'node:child_process';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getContainerRuntimeClient, GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { ComponentError } from '../core/errors.ts';
import { Programs } from '../provision/programs.ts';
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
    if (this.running) await exec(dockerCli(), ['stop', '--time', String(Math.ceil(graceMs / 1000)), this.container]).catch(() => undefined);
    return this.exited;
  }
}

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
      .withWaitStrategy(Wait.forSuccessfulCommand('true'))
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
    const via = [dockerCli(), 'run', '--rm', '--init', '--name', name, ...this.joined(opts.env, opts.cwd), this.image(component)];
    return new ContainerProcess(name, { ...opts, env: clientEnv(opts.env), via });
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
        .withWaitStrategy(Wait.forSuccessfulCommand('true'))
        .start();
      this.toolboxes.set(component, box);
    }
    return box;
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
    await Promise.allSettled(this.toolboxes.values());
    try {
      const left = execFileSync(dockerCli(), ['ps', '-aq', '--filter', `label=${RUN_LABEL}=${this.plan.runId}`], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
      if (left.length > 0) docker(['rm', '-f', '-v', ...left]);
      if (this.network) docker(['network', 'rm', this.network]);
    } catch (e) {
      this.plan.log.warn({ err: (e as Error).message }, 'containers of the run not removed');
    }
    this.network = undefined;
  }
}

/** Whether the engine holds an image of this tag. */
export async function imagePresent(tag: string): Promise<boolean> {
  return exec(dockerCli(), ['image', 'inspect', '--format', '{{.Id}}', tag]).then(
    () => true,
    () => false,
  );
}

/** The programs of a run in containers: each by its name on its image's PATH. */
export class ImagePrograms extends Programs {
  constructor(private readonly images: Readonly<Record<string, string>>) {
    super(Object.fromEntries(Object.keys(images).map((p) => [p, p])));
  }

  override async firstLine(name: string, args: string[]): Promise<string> {
    const { stdout, stderr } = await exec(dockerCli(), ['run', '--rm', this.images[name] ?? this.path(name), name, ...args], { timeout: 30_000 });
    return (stdout.trim() || stderr.trim()).split('\n')[0] ?? '';
  }
}
