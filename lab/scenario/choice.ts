// --backend and --registry: the product filling the object-store role and the registry's version, chosen at run
// time. The choices are derived from the products: the S3 stores, and the versions of the registry's product.
// A combination a scenario cannot take is a ScenarioError that says why (the scenario's own rules, applied to
// the scenario as it would run).
import { ScenarioError } from '../core/errors.ts';
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

export interface StackChoice {
  backend?: string;
  registry?: string;
}

export function parseChoice(backend: string | undefined, registry: string | undefined): StackChoice {
  if (backend !== undefined && !BACKEND_CHOICES.includes(backend))
    throw new ScenarioError(`--backend ${backend}: expected one of ${BACKEND_CHOICES.join(', ')}`);
  if (registry !== undefined && !REGISTRY_CHOICES.includes(registry))
    throw new ScenarioError(`--registry ${registry}: expected one of ${REGISTRY_CHOICES.join(', ')}`);
  return { backend, registry };
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
      ...(c.backend && { 'object-store': { ...t['object-store'], product: c.backend } }),
    },
  };
}

/** The scenario with the chosen object store and registry version. A choice it cannot take is a ScenarioError
 * that says why: the scenario's own rules, applied to it as it would run. */
export function withChoice(l: Pick<Loaded, 'scenario' | 'raw'>, c: StackChoice): Scenario {
  if (!c.backend && !c.registry) return l.scenario;
  const store = l.scenario.topology['object-store'];
  if (c.backend && !(store && s3Store(PRODUCTS.get(store.product), store)))
    throw new ScenarioError(
      `${l.scenario.name} keeps its registry on ${store?.product ?? l.scenario.topology.registry.storage}, not on an S3 object store: --backend does not apply`,
    );
  const what = [c.backend, c.registry && `Distribution ${c.registry}`].filter(Boolean).join(' and ');
  return validate(chosen(l.raw, c), `${l.scenario.name} cannot run with ${what}`);
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
