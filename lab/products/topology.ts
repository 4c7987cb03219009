// From a scenario's topology (data, already validated) to the components that fill its roles, each built by
// the product named for its role; the fault proxy fills its role whenever there are links.
import { Stack, type Member } from '../runtime/stack.ts';
import type { ImageRef } from '../provision/images.ts';
import type { Source } from '../provision/programs.ts';
import { fillersOf, PRODUCTS } from './index.ts';
import type { AnyProduct, Link, TopologyView } from './product.ts';
import { IMPLIED_ROLE, ROLES, type Role } from './roles.ts';

export type RoleSpec = { product: string } & Record<string, unknown>;

/** A topology as scenarios write it: a spec per role, and the faultable links. */
export type TopologyData = { [R in Role]?: RoleSpec } & { links: Readonly<Record<string, { from: string; to: string }>> };

export interface Filled {
  role: Role;
  product: AnyProduct;
  opts: RoleSpec;
}

export function linksOf(t: TopologyData): Link[] {
  return Object.entries(t.links).map(([name, l]) => ({ name, ...l }));
}

/** Every role the topology fills, with its product: the implied fault proxy first. */
export function filled(t: TopologyData): Filled[] {
  const out: Filled[] = [];
  const proxy = fillersOf(IMPLIED_ROLE)[0]!;
  if (Object.keys(t.links).length > 0) out.push({ role: IMPLIED_ROLE, product: proxy, opts: { product: proxy.name } });
  for (const role of Object.keys(ROLES) as Role[]) {
    const spec = t[role];
    if (spec && role !== IMPLIED_ROLE) out.push({ role, product: PRODUCTS.get(spec.product), opts: spec });
  }
  return out;
}

function viewOf(t: TopologyData): TopologyView {
  return { roles: Object.fromEntries(filled(t).map((f) => [f.role, f.opts])), links: linksOf(t) };
}

/** The programs the topology runs, each with where it comes from. */
export function programsOf(t: TopologyData): Record<string, Source> {
  const wanted: Record<string, Source> = {};
  for (const { product, opts } of filled(t)) for (const name of product.runs?.(opts) ?? Object.keys(product.programs)) wanted[name] = product.programs[name]!;
  return wanted;
}

/** The container image of each role, with the programs it runs there. */
export function imagesOf(t: TopologyData): { role: Role; image: ImageRef; programs: string[] }[] {
  return filled(t).map(({ role, product, opts }) => ({ role, image: product.image(opts), programs: product.runs?.(opts) ?? Object.keys(product.programs) }));
}

export function buildStack(t: TopologyData): Stack {
  const view = viewOf(t);
  const members = new Map<string, Member>();
  for (const { role, product, opts } of filled(t)) {
    const { component, dependsOn } = product.build({ role, opts, topology: view });
    members.set(role, { component, product: product.name, capabilities: product.capabilities(opts, role), dependsOn });
  }
  return new Stack(members);
}
