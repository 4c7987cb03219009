// --backend and --registry: the product filling the object-store role and the Distribution version, chosen
// at run time. A combination a scenario cannot take is a ScenarioError that says why.
import { ScenarioError } from '../errors.ts';
import type { Scenario } from './schema.ts';

export const BACKEND_CHOICES = ['ceph', 'minio'] as const;
export const REGISTRY_CHOICES = ['2.8', '3'] as const;

export interface StackChoice {
  backend?: (typeof BACKEND_CHOICES)[number];
  registry?: (typeof REGISTRY_CHOICES)[number];
}

export function parseChoice(backend: string | undefined, registry: string | undefined): StackChoice {
  if (backend !== undefined && !(BACKEND_CHOICES as readonly string[]).includes(backend)) throw new ScenarioError(`--backend ${backend}: expected one of ${BACKEND_CHOICES.join(', ')}`);
  if (registry !== undefined && !(REGISTRY_CHOICES as readonly string[]).includes(registry)) throw new ScenarioError(`--registry ${registry}: expected one of ${REGISTRY_CHOICES.join(', ')}`);
  return { backend: backend as StackChoice['backend'], registry: registry as StackChoice['registry'] };
}

/** Why the scenario cannot run with this choice, or undefined when it can. */
export function cannotApply(s: Scenario, c: StackChoice): string | undefined {
  const storage = s.topology.registry.storage;
  if (c.backend && storage !== 's3') return `${s.name} keeps its registry on ${storage}, not on an S3 object store: --backend does not apply`;
  if (c.backend && c.backend !== 'ceph' && Object.values(s.faults).some((f) => f.kind === 'quota')) return `${s.name} sets a Ceph user quota with radosgw-admin: ceph only`;
  if (c.backend && c.backend !== 'ceph' && s.topology['object-store']?.multisite) return `${s.name} replicates between two Ceph RGW zones: ceph only`;
  if (c.registry === '3' && storage === 'swift') return `${s.name} needs the swift storage driver, which Distribution 3 no longer has`;
  return undefined;
}

/** The scenario with the chosen object store and registry version. */
export function withChoice(s: Scenario, c: StackChoice): Scenario {
  const why = cannotApply(s, c);
  if (why) throw new ScenarioError(why);
  const t = s.topology;
  return {
    ...s,
    topology: {
      ...t,
      registry: { ...t.registry, ...(c.registry && { version: c.registry }) },
      ...(c.backend && { 'object-store': { product: c.backend, multisite: t['object-store']?.multisite ?? false } }),
    },
  };
}

