// The replay as plain text, for CI logs and bug reports (and whenever stdout is not a terminal):
// the header, the lanes at a fixed width, then one line per event of the timeline with findings at their time.
import { describe } from '../lab/core/events/describe.ts';
import type { EventSource } from '../lab/core/events/source.ts';
import type { Lane } from '../lab/projections/timeline.ts';
import { project, type RunMeta } from './store.ts';
import { labelWidth, laneRows, LEGEND, type Row } from './view.ts';

const text = (r: Row) =>
  r
    .map((x) => x.text)
    .join('')
    .trimEnd();
const at = (t: number) => `${(t / 1000).toFixed(2)}s`.padStart(9);

export function plainReplay(meta: RunMeta, source: EventSource, hostLanes: readonly Lane[] = [], width = 100): string[] {
  const tl = project(source, meta, hostLanes);
  const label = labelWidth(tl, width);
  const versions = Object.entries(meta.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [
    `${meta.scenario}${meta.variant ? `/${meta.variant}` : ''}  seed ${meta.seed}  ${meta.backend}  ${versions}`,
    `run ${meta.id}  verdict: ${meta.verdict?.verdict ?? 'none'}  ${source.length} events, ${(tl.end / 1000).toFixed(2)} s`,
    '',
    ...laneRows(tl, width, null, label).map(text),
    `${''.padEnd(label + 1)}0s${`${(tl.end / 1000).toFixed(2)}s`.padStart(width - label - 3)}`,
    `legend: ${LEGEND}`,
    '',
  ];
  const marks = [...tl.marks];
  for (const e of source.timelineEvents()) {
    while (marks.length > 0 && marks[0]!.t <= e.t) {
      const m = marks.shift()!;
      lines.push(`${at(m.t)}  ${m.kind === 'violation' ? '!' : '*'} ${m.name}: ${m.text}`);
    }
    if (e.type === 'op.invoke') continue;
    lines.push(`${at(e.t)}  ${describe(e)}`);
  }
  for (const m of marks) lines.push(`${at(m.t)}  ${m.kind === 'violation' ? '!' : '*'} ${m.name}: ${m.text}`);
  return lines;
}
