// A command a component runs once (a garbage collection, radosgw-admin, a Swift daemon pass, building rings):
// its stdout and stderr kept whole in the run's logs/, in the order they came. A command of note has a log of
// its own per invocation (logs/<role>-<name>-<n>.log, n from 1); the others are appended, each under a header
// line, to logs/<role>-commands.log. A failure quotes the last line of output and names the log.
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ComponentError } from '../core/errors.ts';
import type { LabLog } from '../core/lab-log.ts';
import { signalGroup } from './process.ts';

/** The next free logs/<prefix>-<n>.log of a run directory, n from 1; created (empty) here, so that two
 * invocations at once never share one. The path is relative to the run directory. */
export function numberedLog(runDir: string, prefix: string): string {
  mkdirSync(join(runDir, 'logs'), { recursive: true });
  for (let n = 1; ; n++) {
    const file = join('logs', `${prefix}-${n}.log`);
    try {
      closeSync(openSync(join(runDir, file), 'wx'));
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

export interface OneShot {
  /** the role it runs for */
  component: string;
  /** a command of note: its own numbered log logs/<component>-<name>-<n>.log; else appended to the role's */
  name?: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  log?: LabLog;
  /** the exit codes that mean it succeeded (default: 0) */
  exits?: readonly number[];
  /** what runs the command, when it is not run directly (a container launcher's `docker exec … CONTAINER`) */
  via?: readonly string[];
}

export interface Ran {
  stdout: string;
  stderr: string;
  /** both, as they came */
  output: string;
  /** where it is kept, relative to the run directory */
  log: string;
}

/** Runs a one-shot command in the run directory, in its own process group (killed whole at its timeout or when
 * the run is interrupted). Exiting with a code not in `exits`, being killed or not starting is a ComponentError. */
export function runOnce(runDir: string, o: OneShot): Promise<Ran> {
  const log = o.name ? numberedLog(runDir, `${o.component}-${o.name}`) : join('logs', `${o.component}-commands.log`);
  const file = join(runDir, log);
  mkdirSync(join(runDir, 'logs'), { recursive: true });
  const t0 = performance.now();
  if (!o.name) appendFileSync(file, `$ ${o.command} ${o.args.join(' ')}\n`);
  const what = `${basename(o.command)} ${o.args[0] ?? ''}`.trim();
  o.log?.info({ component: o.component, program: o.command, args: o.args, log }, 'run');
  return new Promise((done, fail) => {
    const out: string[] = [];
    const err: string[] = [];
    const all: string[] = [];
    const keep = (to: string[]) => (chunk: string) => {
      to.push(chunk);
      all.push(chunk);
      appendFileSync(file, chunk);
    };
    const [command, ...args] = [...(o.via ?? []), o.command, ...o.args];
    const child = spawn(command!, args, { env: o.env, cwd: runDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const kill = () => signalGroup(child.pid, 'SIGKILL');
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, o.timeoutMs);
    o.signal?.addEventListener('abort', kill, { once: true });
    if (o.signal?.aborted) kill();
    child.stdout.setEncoding('utf8').on('data', keep(out));
    child.stderr.setEncoding('utf8').on('data', keep(err));
    let ended = false;
    const end = (code: number | null, signal: string | null, cannotStart = false) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', kill);
      const how = cannotStart ? 'cannot start' : timedOut ? `timed out after ${o.timeoutMs} ms` : code !== null ? `exit ${code}` : `killed by ${signal}`;
      if (!o.name) appendFileSync(file, `(${how} after ${Math.round(performance.now() - t0)} ms)\n`);
      const output = all.join('');
      if (code !== null && (o.exits ?? [0]).includes(code)) return done({ stdout: out.join(''), stderr: err.join(''), output, log });
      const last = output.trim().split('\n').pop() ?? '';
      o.log?.error({ component: o.component, program: o.command, args: o.args, log, how, last }, 'run failed');
      fail(new ComponentError(o.component, `${what} failed (${how})${last ? `: ${last}` : ''}; its whole output is in the run's ${log}`));
    };
    child.once('error', (e) => {
      keep(err)(`lab: cannot start ${o.command}: ${e.message}\n`);
      end(null, null, true);
    });
    child.once('close', (code, signal) => end(code, signal));
  });
}
