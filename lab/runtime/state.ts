// Which processes a run started, kept on disk so that the next run can reap what a crashed one left behind.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTicks } from './process.ts';

export interface Tracked {
  name: string;
  pid: number;
  startTicks: number | null;
}

interface StateFile {
  owner: { pid: number; startTicks: number | null };
  processes: Tracked[];
  /** for `lab up`: where the holding process listens for `lab fault` and `lab down` */
  control?: string;
}

/** Every RunState of this process, for the last-resort kill on a second Ctrl-C. */
const opened = new Set<RunState>();

export class RunState {
  private state: StateFile;

  constructor(readonly file: string) {
    this.state = { owner: { pid: process.pid, startTicks: startTicks(process.pid) }, processes: [] };
    this.save();
    opened.add(this);
  }

  get processes(): readonly Tracked[] {
    return this.state.processes;
  }

  track(p: Tracked): void {
    this.state.processes.push(p);
    this.save();
  }

  untrack(pid: number): void {
    this.state.processes = this.state.processes.filter((p) => p.pid !== pid);
    this.save();
  }

  setControl(path: string | undefined): void {
    this.state.control = path;
    this.save();
  }

  private save(): void {
    writeFileSync(this.file + '.tmp', JSON.stringify(this.state, null, 2));
    renameSync(this.file + '.tmp', this.file);
  }
}

function kill(p: Tracked): boolean {
  for (const target of [-p.pid, p.pid]) {
    try {
      process.kill(target, 'SIGKILL');
      return true;
    } catch {
      /* not a group leader, or gone */
    }
  }
  return false;
}

/** SIGKILLs every process this lab process started and has not stopped yet. */
export function killTracked(): void {
  for (const s of opened) for (const p of s.processes) if (alive(p)) kill(p);
}

function alive(p: { pid: number; startTicks: number | null }): boolean {
  return p.pid > 0 && startTicks(p.pid) !== null && startTicks(p.pid) === p.startTicks;
}

export function readState(runDir: string): StateFile | null {
  const file = join(runDir, 'state.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StateFile;
  } catch {
    return null;
  }
}

/** The runs whose owning lab process is still alive (a `lab up` holding a stack, or a run in another terminal). */
export function liveRuns(runsDir: string): { runDir: string; control?: string }[] {
  if (!existsSync(runsDir)) return [];
  return readdirSync(runsDir)
    .map((id) => ({ runDir: join(runsDir, id), state: readState(join(runsDir, id)) }))
    .filter((r) => r.state && r.state.processes.length > 0 && alive(r.state.owner))
    .map((r) => ({ runDir: r.runDir, control: r.state!.control }));
}

/** Kills the processes of runs whose owner died without stopping them. Returns what it killed. */
export function reapLeftovers(runsDir: string): Tracked[] {
  if (!existsSync(runsDir)) return [];
  const reaped: Tracked[] = [];
  for (const id of readdirSync(runsDir)) {
    const file = join(runsDir, id, 'state.json');
    const state = readState(join(runsDir, id));
    if (!state || state.processes.length === 0 || alive(state.owner)) continue;
    for (const p of state.processes) if (alive(p) && kill(p)) reaped.push(p);
    if (state.control) rmSync(state.control, { force: true });
    writeFileSync(file, JSON.stringify({ ...state, processes: [], control: undefined }, null, 2));
  }
  return reaped;
}
