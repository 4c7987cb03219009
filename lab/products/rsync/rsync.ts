// The standby's replication job, as in the Toolforge setup: rsync copies the active registry's storage onto
// the standby's every period (10 minutes there, seconds here). Each pass is one real rsync run; the lab
// records its start before spawning it and its end after it exits, so a pass's events bracket what it copied.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Programs } from '../../provision/programs.ts';
import { Component } from '../../runtime/component.ts';
import { cleanEnv } from '../../core/env.ts';
import { FILESYSTEM } from '../capabilities.ts';

export interface RsyncOptions {
  /** the registry role whose storage is copied, and the one it is copied onto */
  from: string;
  to: string;
  everyMs: number;
}

/** Files and bytes a pass copied, from rsync's --stats. */
export function rsyncStats(output: string): { files: number; bytes: number } {
  const num = (re: RegExp) => Number((re.exec(output)?.[1] ?? '0').replace(/[,.]/g, ''));
  return { files: num(/Number of regular files transferred: ([\d,.]+)/), bytes: num(/Total transferred file size: ([\d,.]+)/) };
}

export class Rsync extends Component {
  readonly product = 'rsync';
  private halt = new AbortController();
  private passes = 0;
  /** the last pass that completed */
  lastCompleted = 0;
  /** the pass in progress (or the last one); passes never overlap */
  private current: Promise<void> = Promise.resolve();
  private loop: Promise<void> = Promise.resolve();

  constructor(
    role: string,
    readonly opts: RsyncOptions,
  ) {
    super(role);
  }

  /** It listens on nothing. */
  override async allocate(): Promise<void> {}

  override get endpoint(): string {
    return `${this.opts.from} → ${this.opts.to} every ${this.opts.everyMs} ms`;
  }

  private root(role: string): string {
    return this.ctx.capable(role, FILESYSTEM).root;
  }

  protected async launch(): Promise<void> {
    this.halt = new AbortController();
    this.makeDirs(...[this.opts.from, this.opts.to].map((role) => this.root(role)));
    await this.passNow();
    const { signal } = this.halt;
    this.loop = (async () => {
      while (!signal.aborted) {
        await sleep(this.opts.everyMs, undefined, { signal }).catch(() => undefined);
        if (!signal.aborted) await this.passNow();
      }
    })();
  }

  /** Runs one pass now, after the one in progress (a final sync before a planned failover). */
  passNow(): Promise<void> {
    this.current = this.current.then(() => this.pass());
    return this.current;
  }

  private async pass(): Promise<void> {
    const pass = ++this.passes;
    const { events } = this.ctx;
    events.append({ type: 'sync', component: this.role, pass, step: 'start' });
    const t0 = performance.now();
    const ms = () => Math.round(performance.now() - t0);
    try {
      const args = ['-a', '--delete', '--stats', `${this.root(this.opts.from)}/`, `${this.root(this.opts.to)}/`];
      const { stdout } = await this.ctx.launcher.runOnce(this.ctx.dir, {
        component: this.role,
        command: this.ctx.programs.path('rsync'),
        args,
        env: cleanEnv(),
        timeoutMs: 600_000,
        signal: this.halt.signal,
        log: this.ctx.log,
        // 24: files vanished during the pass (an upload the registry moved meanwhile); everything there at its
        // start is copied, and rsync-fed standbys count such a pass as done
        exits: [0, 24],
      });
      this.lastCompleted = pass;
      events.append({ type: 'sync', component: this.role, pass, step: 'end', ok: true, ...rsyncStats(stdout), ms: ms() });
    } catch (e) {
      const error = this.halt.signal.aborted ? 'stopped' : (e as Error).message;
      events.append({ type: 'sync', component: this.role, pass, step: 'end', ok: false, error, ms: ms() });
    }
  }

  /** Stops the schedule; a pass in progress is cut short (its rsync killed). */
  override async stop(): Promise<void> {
    this.halt.abort();
    await this.loop;
    await this.current;
  }

  async version(programs: Programs): Promise<string> {
    return /version\s+(\S+)/.exec(await programs.firstLine('rsync', ['--version']))?.[1] ?? 'unknown';
  }
}
