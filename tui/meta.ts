// The header facts of a stored run, from its run.json and verdict.json; a run that died before writing
// run.json is named by its first event.
import { basename, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { LabEvent } from '../lab/core/events/schema.ts';
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
