// `lab compare RUN OTHER`: a reproduction's evidence chain held link by link against another run.
import { readEvents } from '../core/events/log.ts';
import { findRun } from '../core/run-dir.ts';
import { readRunJson } from '../core/run-files.ts';
import { compareRuns, type Side } from '../compare/compare.ts';
import { definitionOf } from '../scenario/load.ts';
import { defineCommand, UsageError } from './command.ts';
import { out, shown } from './output.ts';

const mark = (v: Side['valid']) => (v === true ? '✓' : v === false ? '✗' : '?');

const counted = (n: number, what: string) => (n ? [`${n} ${what}${n === 1 ? '' : 's'}`] : []);

function seen(s: Side): string {
  const where = [s.hosts.join(', '), s.components.join(', '), s.statuses.join(', ')].filter(Boolean).join('; ');
  const how = [...counted(s.ops, 'op'), ...counted(s.lines, 'line')].join(', ') || 'none';
  return `${mark(s.valid)} ${how}${where ? ` (${where})` : ''}`;
}

export default defineCommand({
  name: 'compare',
  usage: 'RUN OTHER',
  summary: "hold a run's evidence chain link by link against another run (usually imported logs); exit 0 when every link matches",
  help: `  RUN            the reproduction: an id, a path, or "last"; its scenario's symptoms are the links
  OTHER          the run to hold them against (lab import makes one of production logs)
for each link: whether each run shows it, how many lines on which hosts and components with which statuses, and
what differs (status codes, components, durations). Where OTHER has no ops, a link about ops reads the registry
front's access lines; where it lacks the faults a link is timed by, the timing is not compared (and said).
exit codes: 0 every link matches, 1 one does not, 2 an error`,
  options: {},
  positionals: { min: 2, max: 2 },
  async run({ positionals }) {
    const [here, there] = positionals.map((p) => findRun(p!));
    const meta = readRunJson(here!);
    const other = readRunJson(there!);
    const definition = await definitionOf(meta);
    if (definition.expect.reproduced.length + definition.expect.violated.length === 0)
      throw new UsageError('compare', `${shown(here!)} (${meta.scenario}) expects no symptom: there is no evidence chain to compare`);
    const links = compareRuns(definition, readEvents(`${here}/events.ndjson`).events, readEvents(`${there}/events.ndjson`).events);
    out(`${meta.scenario} (${meta.id}) against ${other.scenario} (${other.id}): ${links.length} links`);
    for (const l of links) {
      out(`${l.matches ? '✓' : '✗'} ${l.name}: ${l.about}`);
      out(`    here ${seen(l.here)}   there ${seen(l.there)}`);
      if (!l.matches) out(`    there: ${l.there.said}`);
      for (const d of l.differs) out(`    differs: ${d}`);
    }
    const missed = links.filter((l) => !l.matches);
    out(
      missed.length
        ? `${missed.length} of ${links.length} links do not match: ${missed.map((l) => l.name).join(', ')}`
        : `every link matches (${links.length})`,
    );
    return missed.length ? 1 : 0;
  },
});
