// `lab analyze RUN`: the checks again, offline, over a stored run.
import { judge } from '../checks/verdict.ts';
import { readEvents } from '../core/events/log.ts';
import { findRun } from '../core/run-dir.ts';
import { readRunJson } from '../core/run-files.ts';
import { definitionOf } from '../scenario/load.ts';
import { defineCommand } from './command.ts';
import { out } from './output.ts';
import { verdictJson, verdictLines } from './report.ts';

export default defineCommand({
  name: 'analyze',
  usage: 'RUN [--json]',
  summary: 're-run the checks on a stored run (RUN: an id, a path, or "last")',
  help: `  --json         the verdict as JSON (shape registry-lab/verdict/1), with the torn last line if any
  a torn last line (a crash mid-write) is reported and ignored`,
  options: { json: { type: 'boolean' } },
  positionals: { min: 0, max: 1 },
  async run({ values, positionals }) {
    const dir = findRun(positionals[0] ?? 'last');
    const meta = readRunJson(dir);
    const { events, torn } = readEvents(`${dir}/events.ndjson`);
    const verdict = judge(await definitionOf(meta), events, { unknownHolds: meta.mode === 'fuzz' });
    if (values.json) out(JSON.stringify(verdictJson({ id: meta.id, dir }, meta.seed, verdict, torn), null, 2));
    else {
      out(`run ${meta.id}: ${events.length} events${torn ? `, torn last line ${torn.line} ignored` : ''}`);
      verdictLines(verdict).forEach(out);
    }
    return verdict.exitCode;
  },
});
