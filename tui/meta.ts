// The header facts of a stored run, from its run.json and verdict.json; a run that died before writing
// run.json is named by its first event. And the lanes of an imported run's lines, from its lanes.json.
import { basename, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { readEvents } from '../lab/core/events/log.ts';
import type { LabEvent } from '../lab/core/events/schema.ts';
import { type Lane, timeline } from '../lab/projections/timeline.ts';
import { metaOf, readRunJson, verdictOf, type RunMeta } from '../lab/core/run-files.ts';

export function storedMeta(dir: string, first?: LabEvent): RunMeta {
  if (!existsSync(join(dir, 'run.json'))) {
    const started = first?.type === 'run.started' ? first : undefined;
    return {
      id: started?.runId ?? basename(dir),
      scenario: started?.scenario ?? 'unknown scenario',
      variant: started?.variant,
      seed: started?.seed ?? 0,
      versions: {},
      backend: '',
      links: {},
    };
  }
  return metaOf(readRunJson(dir), verdictOf(dir));
}

/** The lanes lab import folded its lines into; an imported run from before lanes.json has them folded here. */
export function storedLanes(dir: string): Lane[] {
  const file = join(dir, 'lanes.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Lane[];
  if (!existsSync(join(dir, 'run.json')) || readRunJson(dir).mode !== 'import') return [];
  return timeline(readEvents(join(dir, 'events.ndjson')).events).lanes;
}
