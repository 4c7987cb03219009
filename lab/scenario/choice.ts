// --backend, --registry, --ceph and --runtime: the product filling the object-store role, the registry's version,
// the Ceph release and how components run, chosen at run time. The choices are derived from the products: the S3
// stores, the versions of the registry's product and Ceph's; a version the machine's Debian does not carry runs
// in containers only.
// A combination a scenario cannot take is a ScenarioError that says why (the scenario's own rules, applied to
// the scenario as it would run).
import { ScenarioError } from '../core/errors.ts';
import { RUNTIMES, type Runtime } from '../core/run-files.ts';
import { S3_STORE } from '../products/capabilities.ts';
import { fillersOf, PRODUCTS } from '../products/index.ts';
import type { AnyProduct } from '../products/product.ts';
import type { Loaded } from './load.ts';
import { validate } from './load.ts';
import type { Scenario } from './schema.ts';

/** Whether a product, with these options, is an S3 store. */
const s3Store = (product: AnyProduct, opts: unknown) => product.capabilities(opts, 'object-store').includes(S3_STORE);

/** The products that can be the registry's S3 store. */
export const BACKEND_CHOICES = fillersOf('object-store')
  .filter((p) => s3Store(p, {}))
  .map((p) => p.name);

/** The versions of the products that fill the registry role. */
export const REGISTRY_CHOICES = [...new Set(fillersOf('registry').flatMap((p) => p.versions ?? []))];

/** The Ceph releases. */
export const CEPH_CHOICES: readonly string[] = PRODUCTS.get('ceph').versions ?? [];

export interface StackChoice {
  backend?: string;
  registry?: string;
  ceph?: string;
  runtime?: Runtime;
}

function oneOf(option: string, value: string | undefined, choices: readonly string[]): void {
  if (value !== undefined && !choices.includes(value)) throw new ScenarioError(`--${option} ${value}: expected one of ${choices.join(', ')}`);
}

export function parseChoice(values: { backend?: string; registry?: string; ceph?: string; runtime?: string }): StackChoice {
  oneOf('backend', values.backend, BACKEND_CHOICES);
  oneOf('registry', values.registry, REGISTRY_CHOICES);
  oneOf('ceph', values.ceph, CEPH_CHOICES);
  oneOf('runtime', values.runtime, RUNTIMES);
  return { backend: values.backend, registry: values.registry, ceph: values.ceph, runtime: values.runtime as Runtime | undefined };
}

type Raw = { name?: string; topology?: Record<string, Record<string, unknown> | undefined> };

/** The scenario as written, with the chosen object store and registry version. */
function chosen(raw: unknown, c: StackChoice): unknown {
  const r = raw as Raw;
  const t = r.topology ?? {};
  return {
    ...r,
    topology: {
      ...t,
      ...(c.registry && { registry: { ...t.registry, version: c.registry } }),
      ...((c.backend || c.ceph) && {
        'object-store': { ...t['object-store'], ...(c.backend && { product: c.backend }), ...(c.ceph && { version: c.ceph }) },
      }),
    },
  };
}

/** The scenario with the chosen object store and registry version. A choice it cannot take is a ScenarioError
 * that says why: the scenario's own rules, applied to it as it would run. */
export function withChoice(l: Pick<Loaded, 'scenario' | 'raw'>, c: StackChoice): Scenario {
  const store = l.scenario.topology['object-store'];
  if (c.backend && !(store && s3Store(PRODUCTS.get(store.product), store)))
    throw new ScenarioError(
      `${l.scenario.name} keeps its registry on ${store?.product ?? l.scenario.topology.registry.storage}, not on an S3 object store: --backend does not apply`,
    );
  if (c.ceph && (c.backend ?? store?.product) !== 'ceph')
    throw new ScenarioError(`${l.scenario.name} runs on ${c.backend ?? store?.product ?? 'no object store'}, not on Ceph: --ceph does not apply`);
  const what = [c.backend, c.ceph && `Ceph ${c.ceph}`, c.registry && `Distribution ${c.registry}`].filter(Boolean).join(' and ');
  // choosing what the scenario already has changes nothing (a variant stays valid as a variant)
  const same =
    (!c.backend || c.backend === store?.product) &&
    (!c.registry || c.registry === l.scenario.topology.registry.version) &&
    (!c.ceph || c.ceph === (store as { version?: string } | undefined)?.version);
  const s = same ? l.scenario : validate(chosen(l.raw, c), `${l.scenario.name} cannot run with ${what}`);
  if ((c.runtime ?? 'native') === 'native') {
    const why = notNative(s);
    if (why) throw new ScenarioError(`${l.scenario.name}: ${why}: run it with --runtime container`);
  }
  return s;
}

/** Why a scenario's topology cannot run natively (a version this machine's Debian does not carry), if so. */
export function notNative(s: Scenario): string | undefined {
  for (const [role, spec] of Object.entries(s.topology)) {
    if (role === 'links' || !spec || typeof spec !== 'object' || !('product' in spec)) continue;
    const p = PRODUCTS.get(spec.product as string);
    const version = (spec as { version?: string }).version;
    if (p.nativeVersions && version !== undefined && !p.nativeVersions.includes(version))
      return `${p.name} ${version} runs in containers only (natively: ${p.nativeVersions.join(', ')})`;
  }
  return undefined;
}

/** Why the scenario cannot run with this choice, or undefined when it can. */
export function cannotApply(l: Pick<Loaded, 'scenario' | 'raw'>, c: StackChoice): string | undefined {
  try {
    withChoice(l, c);
    return undefined;
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
}
