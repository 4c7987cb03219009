// The stack the fuzzer drives, as a scenario, from the backend's preset: on an S3 store, the S3 stack with S3 writes
// through a faultable link (reads direct); on Swift, the Swift stack with a faultable link to each of its servers
// (every replica of the containers and the objects), whose proxy does not error-limit them. The faults: each
// chosen kind (a toxic type, or link-down) on each link. And the reproducer scenario written for a violation.
import { toxicSpec, TOXIC_PRESETS } from '../../faults/toxic.ts';
import { SWIFT_STORE } from '../products/capabilities.ts';
import { fillersOf, PRODUCTS } from '../products/index.ts';
import { validate } from '../scenario/load.ts';
import { s3Stack, swiftStack } from '../scenario/presets.ts';
import type { Scenario, ScenarioInput } from '../scenario/schema.ts';
import type { Violation } from './verify.ts';
import { FUZZ_BOUNDS, FUZZ_INVARIANTS } from './verify.ts';

/** The object stores the fuzzer drives: every product that fills the role (S3 stores and Swift). */
export const FUZZ_BACKENDS = fillersOf('object-store').map((p) => p.name);

/** What --faults may name: a toxic type, or a link cut. */
export const FUZZ_FAULTS = [...Object.keys(TOXIC_PRESETS), 'link-down'];

/** How many times the end of a case reads each thing acknowledged: Swift's proxy reads a random replica. */
export function readsAtEnd(backend: string): number {
  return isSwift(backend) ? 5 : 1;
}

const isSwift = (backend: string) => PRODUCTS.get(backend).capabilities({}, 'object-store').includes(SWIFT_STORE);

/** The backend's preset with its faultable links. */
function topologyOf(backend: string): ScenarioInput['topology'] {
  if (isSwift(backend)) {
    const topology = swiftStack(
      Object.fromEntries((PRODUCTS.get(backend).servers?.({}) ?? []).map((s) => [`${s}-link`, { from: 'object-store', to: `object-store:${s}` }])),
    );
    // a proxy that error-limits a server after a cut would damage the next case's writes for a minute: cases
    // would not be independent, nor their reproducers reproduce
    topology['object-store'] = { product: backend, errorSuppressionS: 0 } as NonNullable<(typeof topology)['object-store']>;
    return topology;
  }
  const topology = s3Stack({ idleTimeoutMs: 500, writesVia: 'rgw-link', writeMethods: ['PUT'] });
  topology['object-store'] = { product: backend } as NonNullable<(typeof topology)['object-store']>;
  return topology;
}

/** The scenario a fuzz run's stack comes from; `kinds`: what --faults names ("timeout", "link-down" …). */
export function fuzzScenario(backend: string, kinds: readonly string[]): Scenario {
  const topology = topologyOf(backend);
  const links = Object.keys(topology.links ?? {});
  const spec = (kind: string, link: string) => (kind === 'link-down' ? { kind: 'link-down' as const, link } : toxicSpec(kind, link));
  const input: ScenarioInput = {
    name: 'fuzz',
    symptom: 'whatever breaks an invariant',
    source: 'lab fuzz',
    topology,
    workload: [{ pull: 'all' }],
    faults: Object.fromEntries(kinds.flatMap((k) => links.map((l) => [`${k}@${l}`, spec(k, l)]))),
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
