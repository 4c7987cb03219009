// A run's directory: runs/<id>/ with events.ndjson, run.json, state.json, lab.log, logs/, verdict.json.
// Disposing of it closes its event log and its diagnostics: the one place a run's files are finished.
// logs/ holds every program's whole output (lab/runtime/one-shot.ts for the commands a component runs once).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LabError } from './errors.ts';
import { EventLog } from './events/log.ts';
import { openLabLog, type LabLog } from './lab-log.ts';

export const RUNS_DIR = process.env.LAB_RUNS ?? resolve(import.meta.dirname, '..', '..', 'runs');

export class RunDir implements AsyncDisposable {
  readonly events: EventLog;
  readonly log: LabLog;

  private constructor(
    readonly id: string,
    readonly dir: string,
  ) {
    mkdirSync(join(dir, 'logs'), { recursive: true });
    this.events = new EventLog(join(dir, 'events.ndjson'));
    this.log = openLabLog(join(dir, 'lab.log'));
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

  async [Symbol.asyncDispose](): Promise<void> {
    this.events.close();
    this.log.flush();
  }
}

/** A run named by id, by path, or "last". */
export function findRun(ref: string, runsDir = RUNS_DIR): string {
  if (ref === 'last') {
    const ids = existsSync(runsDir)
      ? readdirSync(runsDir)
          .filter((d) => existsSync(join(runsDir, d, 'events.ndjson')))
          .sort()
      : [];
    if (ids.length === 0) throw new LabError(`no runs in ${runsDir}`);
    return join(runsDir, ids[ids.length - 1]!);
  }
  for (const dir of [resolve(ref), join(runsDir, ref)]) if (existsSync(join(dir, 'events.ndjson'))) return dir;
  throw new LabError(`no run "${ref}" (looked for ${ref}/events.ndjson and runs/${ref}/events.ndjson)`);
}
