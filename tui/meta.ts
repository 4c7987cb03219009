// The header facts of a run: from a stored run's run.json and verdict.json, or from a scenario about to run.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LabEvent } from '../lab/events/schema.ts';
import type { Scenario } from '../lab/scenario/schema.ts';
import type { Verdict } from '../lab/verdict.ts';
import type { RunMeta } from './store.ts';

export function backendOf(s: Pick<Scenario, 'topology'>): string {
  const t = s.topology;
  return [t['object-store']?.product ?? t.registry.storage, t['s3-front']?.product].filter(Boolean).join(', ');
}

export function scenarioMeta(s: Scenario, id: string, seed: number, variant?: string): RunMeta {
  return { id, scenario: s.name, variant, seed, versions: {}, backend: backendOf(s), links: s.topology.links };
}

interface RunJson {
  id: string;
  scenario: string;
  variant?: string | null;
  seed: number;
  versions?: Record<string, string>;
  definition: Scenario;
}

/** From run.json and verdict.json; a run that died before writing run.json is named by its first event. */
export function storedMeta(dir: string, first?: LabEvent): RunMeta {
  if (!existsSync(join(dir, 'run.json'))) {
    const started = first?.type === 'run.started' ? first : undefined;
    return { id: started?.runId ?? basename(dir), scenario: started?.scenario ?? 'unknown scenario', variant: started?.variant, seed: started?.seed ?? 0, versions: {}, backend: '', links: {} };
  }
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunJson;
  const verdictFile = join(dir, 'verdict.json');
  const verdict = existsSync(verdictFile) ? (JSON.parse(readFileSync(verdictFile, 'utf8')) as Verdict) : undefined;
  return { ...scenarioMeta(run.definition, run.id, run.seed, run.variant ?? undefined), versions: run.versions ?? {}, verdict };
}
