// `lab export RUN [--out DIR]`: the run as a bundle to attach to a bug report.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readEvents } from '../core/events/log.ts';
import { findRun } from '../core/run-dir.ts';
import { readRunJson } from '../core/run-files.ts';
import { writeBundle } from '../export/bundle.ts';
import { defineCommand, UsageError } from './command.ts';
import { out, shown } from './output.ts';
import { timelinePrinter } from './report.ts';

export default defineCommand({
  name: 'export',
  usage: 'RUN [--out DIR]',
  summary: "the run as a bundle for a bug report: REPORT.md, events, logs, a compose project and repro.sh, without its secrets or this machine's paths",
  help: `  RUN            an id, a path, or "last"
  --out DIR      where the bundle goes (default: exports/<run id>); DIR.tar.gz is written beside it
the bundle: REPORT.md (in the shape of Distribution's bug template: description, steps, expected and actual
behaviour, versions, the evidence chain with its log lines, the verdict), events.ndjson, replay.txt (lab replay
--plain), run.json, verdict.json, logs/; and to reproduce without the lab: compose.yaml (upstream images, each
overridable by <ROLE>_IMAGE; local.env names the lab's), stack/ (the rendered configs, Ceph's and Swift's
entrypoints), images/ (the pushed images as an OCI layout) and repro.sh (bash, curl, docker, a compose): it
brings the stack up, replays the run's ops and faults, checks that it ends as the run did, brings it down and
exits 0 when it reproduced; ./repro.sh --local runs the lab's images. The run's secrets are fresh ones in the
compose project and <secret> elsewhere; this machine's paths and host name are stand-ins`,
  options: { out: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals }, ui) {
    const dir = findRun(positionals[0]!);
    if (!existsSync(join(dir, 'verdict.json'))) throw new UsageError('export', `${shown(dir)} has no verdict.json: export a run that ended`);
    const run = readRunJson(dir);
    const to = values.out ?? join('exports', run.id);
    if (existsSync(to) && readdirSync(to).length > 0) throw new UsageError('export', `--out ${to}: it exists and is not empty`);
    const replay: string[] = [];
    await ui.replay(dir, true, (l) => replay.push(l));
    const timeline: string[] = [];
    readEvents(join(dir, 'events.ndjson')).events.forEach(timelinePrinter((l) => timeline.push(l)));
    const rerun = [
      'lab scenario',
      run.scenario,
      ...(run.variant ? ['--variant', run.variant] : []),
      '--seed',
      String(run.seed),
      ...(run.runtime === 'container' ? ['--runtime', 'container'] : []),
    ].join(' ');
    const b = writeBundle(dir, to, { replay, timeline, rerun });
    out(`bundle: ${shown(b.dir)} (${b.files.length} files): ${b.files.slice(0, 6).join(', ')}${b.files.length > 6 ? ', …' : ''}`);
    out(b.noRepro ? `repro.sh: not written: ${b.noRepro}` : `reproduce: ${shown(b.dir)}/repro.sh (upstream images) or ./repro.sh --local (the lab's)`);
    out(`tarball: ${shown(b.tarball)}`);
    return 0;
  },
});
