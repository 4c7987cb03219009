// `lab rerun RUN`: replay the shrunk failing case of a fuzz run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../core/errors.ts';
import { findRun } from '../core/run-dir.ts';
import { readFailure } from '../core/run-files.ts';
import { defineCommand } from './command.ts';
import { runFuzz } from './fuzz-run.ts';
import { shown } from './output.ts';

export default defineCommand({
  name: 'rerun',
  usage: 'RUN',
  summary: 'replay the shrunk failing case of a fuzz run (RUN: an id, a path, or "last")',
  help: '',
  options: {},
  positionals: { min: 0, max: 1 },
  async run({ positionals }) {
    const dir = findRun(positionals[0] ?? 'last');
    if (!existsSync(join(dir, 'failure.json'))) throw new ScenarioError(`${shown(dir)}: not a fuzz run with a failure (no failure.json)`);
    const f = readFailure(dir);
    return runFuzz({ backend: f.backend, runs: f.runs, seed: f.seed, faults: f.faults, maxCommands: f.maxCommands, path: f.path, replayPath: f.replayPath });
  },
});
