// A component: one real server program filling a role in a topology, with its lifecycle.
// Subclasses allocate their ports, render their config, spawn their processes and wait for real readiness.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ComponentError } from '../core/errors.ts';
import type { EventLog } from '../core/events/log.ts';
import type { NewEvent } from '../core/events/schema.ts';
import type { LabLog } from '../core/lab-log.ts';
import type { Programs } from '../provision/programs.ts';
import type { Capability } from './capability.ts';
import { cleanEnv } from '../core/env.ts';
import type { PortAllocator } from './ports.ts';
import type { Launcher } from './launcher.ts';
import type { ManagedProcess } from './process.ts';
import { noteStep, ownEnv, type RecipeStep } from './recipe.ts';
import { FileTail } from './tail.ts';
import { waitUntil } from './ready.ts';
import type { RunState } from './state.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface RunContext {
  dir: string;
  events: EventLog;
  state: RunState;
  programs: Programs;
  /** how its programs run: natively or in containers */
  launcher: Launcher;
  log: LabLog;
  signal: AbortSignal;
  /** the component filling another role */
  peer(role: string): Component;
  /** the component filling another role, as one of its capabilities */
  capable<T>(role: string, capability: Capability<T>): Component & T;
}

export abstract class Component {
  abstract readonly product: string;
  protected readonly processes: ManagedProcess[] = [];
  private readonly tails = new Map<string, FileTail>();
  private context: RunContext | undefined;

  constructor(readonly role: string) {}

  /** The main port it listens on (127.0.0.1; in containers, published there). */
  port = 0;

  /** Reserve the ports this component listens on; called for every component before any starts. */
  async allocate(ports: PortAllocator): Promise<void> {
    this.port = await ports.one();
  }

  /** The port of one of its servers (a Swift device); the main port when none is named. */
  portOf(name?: string): number {
    if (name !== undefined) throw new Error(`${this.product} has no server ${name}`);
    return this.port;
  }

  /** The address clients use. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Start and wait until it really answers. */
  protected abstract launch(): Promise<void>;

  /** The program's own version string (callable before start). */
  abstract version(programs: Programs): Promise<string>;
  /** A line of its output that the lab understands becomes an event. */
  protected parseLine(_line: string, _process: string): NewEvent[] {
    return [];
  }

  /** The address its servers listen on (the launcher's). */
  protected get bindHost(): string {
    return this.ctx.launcher.bindHost;
  }

  protected get ctx(): RunContext {
    if (!this.context) throw new ComponentError(this.role, 'used before start');
    return this.context;
  }

  async start(ctx: RunContext): Promise<void> {
    this.context = ctx;
    const t0 = performance.now();
    await this.launch();
    this.note({ kind: 'ready', endpoint: this.endpoint });
    ctx.events.append({
      type: 'component.ready',
      component: this.role,
      product: this.product,
      endpoint: this.endpoint,
      ms: Math.round(performance.now() - t0),
    });
  }

  /** Stops and starts it again on the same ports and config; waits for readiness. */
  async restart(): Promise<void> {
    await this.stop();
    this.processes.length = 0;
    await this.start(this.ctx);
  }

  /** SIGSTOP (or SIGCONT) to every process of it: it holds its connections and answers nothing. */
  pause(on: boolean): void {
    for (const p of this.processes) p.signal(on ? 'SIGSTOP' : 'SIGCONT');
  }

  /** Stops its processes, last started first. */
  async stop(graceMs = 5000): Promise<void> {
    for (const p of [...this.processes].reverse())
      if (p.running) {
        this.context?.log.info({ component: this.role, process: p.opts.name, pid: p.pid }, 'stop');
        await p.stop(graceMs);
      }
    for (const t of this.tails.values()) t.stop();
  }

  /** Starts one of its programs (in the run directory, unless `cwd` says otherwise). */
  protected spawn(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = cleanEnv(), cwd = this.ctx.dir): ManagedProcess {
    const ctx = this.ctx;
    const proc = ctx.launcher.spawn(this.role, {
      name,
      command,
      args,
      env,
      cwd,
      logFile: join(ctx.dir, 'logs', `${this.role}${name === this.product ? '' : '-' + name}.log`),
      onLine: (line) => this.record(line, name),
    });
    this.processes.push(proc);
    this.note({ kind: 'spawn', name, command: ctx.programs.nameOf(command) ?? command, args, env: ownEnv(env), cwd });
    ctx.log.info({ component: this.role, process: name, pid: proc.pid, program: command, args, env: Object.keys(env) }, 'spawn');
    ctx.state.track({ name: `${this.role}/${name}`, pid: proc.pid, startTicks: proc.startTicks });
    ctx.events.append({ type: 'component.starting', component: this.role, product: this.product, pid: proc.pid, argv: [command, ...args] });
    void proc.exited.then((exit) => {
      ctx.log.info({ component: this.role, process: name, pid: proc.pid, ...exit, expected: proc.stopping }, 'exited');
      ctx.state.untrack(proc.pid);
      ctx.events.append({
        type: 'component.exited',
        component: this.role,
        product: this.product,
        pid: proc.pid,
        code: exit.code,
        signal: exit.signal,
        expected: proc.stopping,
      });
    });
    return proc;
  }

  /** Notes a step of its start in the run's recipe (what an exported compose project does again). */
  protected note(step: DistributiveOmit<RecipeStep, 'role' | 'product'>): void {
    noteStep(this.ctx.dir, { ...step, role: this.role, product: this.product } as RecipeStep);
  }

  /** Writes one of its config files (and the directories it goes in). */
  protected render(file: string, text: string): void {
    this.makeDirs(dirname(file));
    writeFileSync(file, text);
    this.note({ kind: 'file', path: file, text });
  }

  /** Makes directories its programs need. */
  protected makeDirs(...dirs: string[]): void {
    for (const d of dirs) {
      mkdirSync(d, { recursive: true });
      this.note({ kind: 'dir', path: d });
    }
  }

  /** Follows a log file the program writes itself (after a restart, from where it left off); its lines go
   * through parseLine like its output. */
  protected follow(name: string, file: string): void {
    const tail = this.tails.get(file) ?? new FileTail(file, (line) => this.record(line, name));
    this.tails.set(file, tail.start());
  }

  /** A line the parser cannot read is kept in the component's log file, never fatal to the run. */
  private record(line: string, source: string): void {
    if (!line) return;
    let events: NewEvent[] = [];
    try {
      events = this.parseLine(line, source);
    } catch (e) {
      this.ctx.log.warn({ component: this.role, process: source, err: (e as Error).message, line: line.slice(0, 300) }, 'log line not understood');
      return;
    }
    for (const e of events) this.ctx.events.append(e);
  }

  /** Waits for a readiness check; a failure names the component and quotes its last output. */
  protected async ready(proc: ManagedProcess, what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const log = this.ctx.log.child({ component: this.role, probe: what });
    log.info({ timeoutMs }, 'readiness probe');
    try {
      await waitUntil(check, what, { timeoutMs, exited: proc.exited, signal: this.ctx.signal });
      log.info('ready');
    } catch (e) {
      log.error({ err: (e as Error).message }, 'not ready');
      if (this.ctx.signal.aborted) throw e;
      const tail = proc.tail();
      throw new ComponentError(this.role, `${(e as Error).message}${tail ? `; last output: ${tail}` : ''}`);
    }
  }

  /** A one-shot command for this component (ceph-authtool, radosgw-admin …), run where its programs are; returns
   * its stdout (and its stderr, for tools that log there). Its whole output is appended to
   * logs/<role>-commands.log. */
  protected async run(command: string, args: string[], env: NodeJS.ProcessEnv = cleanEnv(), timeoutMs = 60_000, withStderr = false): Promise<string> {
    this.note({ kind: 'run', command: this.ctx.programs.nameOf(command) ?? command, args, env: ownEnv(env) });
    const r = await this.ctx.launcher.runOnce(this.ctx.dir, {
      component: this.role,
      command,
      args,
      env,
      timeoutMs,
      signal: this.ctx.signal,
      log: this.ctx.log,
    });
    return withStderr ? r.stdout + r.stderr : r.stdout;
  }
}
