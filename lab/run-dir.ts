// A run's directory: runs/<id>/ with events.ndjson, run.json, state.json, logs/, verdict.json.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EventLog } from './events/log.ts';
import { RunState } from './runtime/state.ts';

export const RUNS_DIR = process.env.LAB_RUNS ?? resolve(import.meta.dirname, '..', 'runs');

export class RunDir {
  readonly events: EventLog;
  readonly state: RunState;

  private constructor(
    readonly id: string,
    readonly dir: string,
  ) {
    mkdirSync(join(dir, 'logs'), { recursive: true });
    this.events = new EventLog(join(dir, 'events.ndjson'));
    this.state = new RunState(join(dir, 'state.json'));
  }

  static create(name: string, runsDir = RUNS_DIR): RunDir {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    let id = `${stamp}-${name}`;
    for (let i = 2; existsSync(join(runsDir, id)); i++) id = `${stamp}-${name}-${i}`;
    return new RunDir(id, join(runsDir, id));
  }

  write(file: string, data: unknown): void {
    writeFileSync(join(this.dir, file), JSON.stringify(data, null, 2) + '\n');
  }
}

/** A run named by id, by path, or "last". */
export function findRun(ref: string, runsDir = RUNS_DIR): string {
  if (ref === 'last') {
    const ids = existsSync(runsDir) ? readdirSync(runsDir).filter((d) => existsSync(join(runsDir, d, 'events.ndjson'))).sort() : [];
    if (ids.length === 0) throw new Error(`no runs in ${runsDir}`);
    return join(runsDir, ids[ids.length - 1]!);
  }
  for (const dir of [resolve(ref), join(runsDir, ref)]) if (existsSync(join(dir, 'events.ndjson'))) return dir;
  throw new Error(`no run "${ref}" (looked for ${ref}/events.ndjson and runs/${ref}/events.ndjson)`);
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
