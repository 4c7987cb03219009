// The stack the fuzzer drives, as a scenario: the backend's S3 preset with S3 writes through a faultable link
// (reads direct), and the chosen toxics on that link; and the reproducer scenario written for a violation.
import { toxicSpec } from '../../faults/toxic.ts';
import { validate } from '../scenario/load.ts';
import { s3Stack } from '../scenario/presets.ts';
import type { Scenario, ScenarioInput } from '../scenario/schema.ts';
import type { Violation } from './verify.ts';
import { FUZZ_BOUNDS, FUZZ_INVARIANTS } from './verify.ts';

const LINK = 'rgw-link';

/** The scenario a fuzz run's stack comes from; `toxics`: toxic types ("timeout", "latency" …). */
export function fuzzScenario(backend: string, toxics: readonly string[]): Scenario {
  const topology = s3Stack({ idleTimeoutMs: 500, writesVia: LINK, writeMethods: ['PUT'] });
  topology['object-store'] = { product: backend } as NonNullable<(typeof topology)['object-store']>;
  const input: ScenarioInput = {
    name: 'fuzz',
    symptom: 'whatever breaks an invariant',
    source: 'lab fuzz',
    topology,
    workload: [{ pull: 'all' }],
    faults: Object.fromEntries(toxics.map((t) => [`${t}@${LINK}`, toxicSpec(t, LINK)])),
    expect: { holds: FUZZ_INVARIANTS },
    bounds: FUZZ_BOUNDS,
  };
  return validate(input, 'lab fuzz');
}

/** A scenario that runs the shrunk case as it ran, and expects the same checker to be violated. */
export function reproducer(
  base: Scenario,
  commands: readonly ({ cmd: string } & Record<string, unknown>)[],
  v: Violation,
  seed: number,
  path: string,
): ScenarioInput {
  const used = new Set(commands.flatMap((c) => (typeof c.fault === 'string' ? [c.fault] : [])));
  return {
    name: `fuzz-${seed}`,
    symptom: `${v.checker} violated: ${v.evidence[0] ?? ''}`,
    source: `lab fuzz --seed ${seed} (fast-check path ${path})`,
    topology: base.topology as ScenarioInput['topology'],
    workload: [{ commands: [...commands] as never }],
    faults: Object.fromEntries([...used].map((f) => [f, base.faults[f]!])) as ScenarioInput['faults'],
    expect: { violated: [v.checker], holds: [] },
    bounds: base.bounds,
  };
}
