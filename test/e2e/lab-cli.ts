// Runs the real `lab` command in a child process, with its runs in a temporary directory.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readEvents } from '../../lab/core/events/log.ts';
import type { EventOf, LabEvent } from '../../lab/core/events/schema.ts';
import { history } from '../../lab/ops/history.ts';
import { startTicks } from '../../lab/runtime/process.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

export function runsDir(): string {
  return mkdtempSync(join(tmpdir(), 'lab-e2e-'));
}

export function lab(args: string[], runs: string, timeout = 120_000) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'lab.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LAB_RUNS: runs },
    encoding: 'utf8',
    timeout,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A lab command left running, with a way to wait for a line of its output. */
export class LabProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[], runs: string) {
    this.child = spawn(process.execPath, [join(ROOT, 'bin', 'lab.js'), ...args], { cwd: ROOT, env: { ...process.env, LAB_RUNS: runs } });
    this.child.stdout.on('data', (d) => (this.stdout += d));
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((r) => this.child.once('exit', (code) => r(code)));
  }

  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.stdout.match(pattern);
      if (m) return m;
      if (this.child.exitCode !== null) throw new Error(`lab exited ${this.child.exitCode} before ${pattern}: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} in: ${this.stdout}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export function eventsOf(runDir: string): LabEvent[] {
  const { events, torn } = readEvents(join(runDir, 'events.ndjson'));
  if (torn) throw new Error(`torn line ${torn.line}`);
  return events;
}

/** Whether a PID is a running process (a zombie waiting for its parent to reap it is not). */
export function alive(pid: number): boolean {
  return startTicks(pid) !== null;
}

/** Waits up to `ms` for every PID to be gone; returns the ones still running. */
export async function whenGone(pids: number[], ms = 5000): Promise<number[]> {
  const deadline = Date.now() + ms;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return pids.filter(alive);
}

/** The PIDs the run started, and whether each was seen to exit. */
export function started(events: readonly LabEvent[]): { pid: number; component: string; exit?: EventOf<'component.exited'> }[] {
  return events
    .filter((e): e is EventOf<'component.starting'> => e.type === 'component.starting')
    .map((s) => ({
      pid: s.pid,
      component: s.component,
      exit: events.find((e): e is EventOf<'component.exited'> => e.type === 'component.exited' && e.pid === s.pid),
    }));
}

/** `lab` for a long run, without blocking the test worker meanwhile (it must keep answering the runner). */
export function labAsync(args: string[], runs: string, timeout = 180_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const p = new LabProcess(args, runs);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), timeout);
  return p.exited.then((status) => {
    clearTimeout(timer);
    return { status, stdout: p.stdout, stderr: p.stderr };
  });
}

/** `lab scenario NAME --json --seed S [--variant V]` in a fresh runs directory: exit status, verdict, events, ops. */
export async function scenarioRun(name: string, variant?: string, timeout = 180_000, seed = 5) {
  const r = await labAsync(['scenario', name, '--json', '--seed', String(seed), ...(variant ? ['--variant', variant] : [])], runsDir(), timeout);
  const verdict = JSON.parse(r.stdout);
  const events = eventsOf(verdict.dir);
  return { status: r.status, verdict, events, ops: history(events) };
}
