// One child process of a component: started in its own process group (so a terminal's Ctrl-C reaches only
// the lab, which then stops it in order), its output kept in a log file and handed over line by line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Exit {
  code: number | null;
  signal: string | null;
}

export interface ProcessOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
  onLine?: (line: string) => void;
  /** what runs the command, when it is not run directly (a container launcher's `docker run … IMAGE`) */
  via?: readonly string[];
}

/** Start time of a running PID in clock ticks since boot (tells it from a reused PID); null when gone or a zombie. */
export function startTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? null : Number(fields[19]);
  } catch {
    return null;
  }
}

/** A signal to the process group a detached child leads (what it started goes with it); a gone one is fine. */
export function signalGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (!pid || pid <= 0) return;
  try {
    process.kill(-pid, sig);
  } catch {
    /* already gone */
  }
}

export class ManagedProcess {
  readonly pid: number;
  readonly startTicks: number | null;
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private readonly log: WriteStream;
  private done = false;
  stopping = false;

  constructor(readonly opts: ProcessOptions) {
    this.log = createWriteStream(opts.logFile, { flags: 'a' });
    const [command, ...args] = [...(opts.via ?? []), opts.command, ...opts.args];
    this.child = spawn(command!, args, { env: opts.env, cwd: opts.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => {
      this.child.once('error', (err) => {
        this.done = true;
        this.log.write(`lab: cannot start ${command}: ${err.message}\n`);
        resolve({ code: 127, signal: null });
      });
      this.child.once('close', (code, signal) => {
        this.done = true;
        resolve({ code, signal });
      });
    });
    this.pid = this.child.pid ?? -1;
    this.startTicks = this.pid > 0 ? startTicks(this.pid) : null;
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        this.log.write(chunk);
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) opts.onLine?.(line);
      });
      stream.on('end', () => rest && opts.onLine?.(rest));
    }
    void this.exited.then(() => this.log.end());
  }

  get running(): boolean {
    return !this.done;
  }

  /** Sends a signal to the whole process group (nginx workers, envoy threads …). */
  signal(sig: NodeJS.Signals): void {
    if (!this.done) signalGroup(this.pid, sig);
  }

  /** SIGTERM, then SIGKILL after graceMs. Resolves when the process has exited. */
  async stop(graceMs = 5000): Promise<Exit> {
    this.stopping = true;
    this.signal('SIGTERM');
    const exit = await Promise.race([this.exited, sleep(graceMs).then(() => null)]);
    if (exit) return exit;
    this.signal('SIGKILL');
    return this.exited;
  }

  /** The last lines of its output, for error messages. */
  tail(lines = 3): string {
    try {
      return readFileSync(this.opts.logFile, 'utf8').trim().split('\n').slice(-lines).join(' | ');
    } catch {
      return '';
    }
  }
}
