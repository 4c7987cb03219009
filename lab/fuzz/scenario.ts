// The stack the fuzzer drives, as a scenario: for the ceph backend, the topology of the stream-idle-504
// scenario (S3 writes through the faultable RGW link, reads direct), read as data, with the chosen fault
// kinds on its links; and the reproducer scenario written for a violation it found.
import { loadScenario } from '../scenario/load.ts';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../scenario/schema.ts';
import type { Command } from './command.ts';
import { faultSpecs } from './faults.ts';
import type { Violation } from './verify.ts';

/** Each backend and the scenario whose topology it fuzzes. */
export const BACKENDS = { ceph: 'stream-idle-504' } as const;

export async function fuzzScenario(backend: keyof typeof BACKENDS, faultKinds: readonly string[]): Promise<Scenario> {
  const { topology } = (await loadScenario(BACKENDS[backend])).scenario;
  return scenarioSchema.parse({
    name: 'fuzz',
    symptom: 'whatever breaks an invariant',
    source: 'lab fuzz',
    topology,
    workload: [{ pull: 'all' }],
    faults: faultSpecs(faultKinds, Object.keys(topology.links)),
    expect: { holds: ['durability', 'integrity', 'liveness', 'honest-errors', 'read-your-writes'] },
    bounds: {},
  });
}

/** A scenario that runs the shrunk case as it ran, and expects the same checker to be violated. */
export function reproducer(base: Scenario, commands: readonly Command[], v: Violation, seed: number, path: string): ScenarioInput {
  const used = new Set(commands.flatMap((c) => ('fault' in c ? [c.fault] : [])));
  return {
    name: `fuzz-${seed}`,
    symptom: `${v.checker} violated: ${v.evidence[0] ?? ''}`,
    source: `lab fuzz --seed ${seed} (fast-check path ${path})`,
    topology: base.topology as ScenarioInput['topology'],
    workload: [{ commands: [...commands] as [Command, ...Command[]] }],
    faults: Object.fromEntries([...used].map((f) => [f, base.faults[f]!])),
    expect: { violated: [v.checker as 'durability'], holds: [] },
  };
}
