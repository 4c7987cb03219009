// A product: one real program (or a small set of them) that can fill roles of a topology. Its definition says,
// in one place, which roles it fills with which options, the programs it runs and where they come from, its
// capabilities, what it needs of the other roles, the links it sends traffic over, and how its component is
// built. The scenario schema, topology building, provisioning and every "cannot apply" rule are derived from
// these definitions.
import type { z } from 'zod';
import type { ImageRef } from '../provision/images.ts';
import type { Source } from '../provision/programs.ts';
import type { Component } from '../runtime/component.ts';
import type { Capability } from '../runtime/capability.ts';
import type { Role } from './roles.ts';

/** A faultable link: `from` and `to` are roles, or role:server for one server of a role (a Swift device). */
export interface Link {
  name: string;
  from: string;
  to: string;
}

/** The topology as products see it while they are built: every role's options, and the links. */
export interface TopologyView {
  roles: Readonly<Partial<Record<Role, { product: string } & Record<string, unknown>>>>;
  links: readonly Link[];
}

/** A role that must be in the topology, filled by a product with a capability. */
export interface Requirement {
  role: Role;
  capability?: Capability<unknown>;
  /** what needs it, for the error: "s3 storage", "the redis cache" */
  for: string;
}

export interface BuildContext<O> {
  role: Role;
  opts: O;
  topology: TopologyView;
}

export interface Built {
  component: Component;
  /** roles that must be ready before it starts */
  dependsOn: Role[];
}

type Fills = Partial<Record<Role, z.AnyZodObject | z.ZodEffects<z.AnyZodObject>>>;
export type OptionsOf<F extends Fills> = { [R in keyof F]: F[R] extends z.ZodTypeAny ? z.output<F[R]> : never }[keyof F];

export interface Product<N extends string = string, F extends Fills = Fills> {
  readonly name: N;
  readonly about: string;
  /** the roles it can fill, each with the options it takes there (besides `product`) */
  readonly fills: F;
  /** the programs it runs, by name, and where they come from */
  readonly programs: Readonly<Record<string, Source>>;
  /** the programs a component with these options runs (all of them when not given) */
  runs?(opts: OptionsOf<F>): string[];
  /** versions one can choose (`--registry 2.8|3`), the first the default */
  readonly versions?: readonly [string, ...string[]];
  /** the versions this machine's Debian carries, which run natively (all of them when not given); the others run
   * in containers only */
  readonly nativeVersions?: readonly string[];
  /** the container image it runs in with these options (fixtures/images/<name>, on a Debian suite) */
  image(opts: OptionsOf<F>): ImageRef;
  /** its upstream container image for the version that ran (what an exported compose project names by default),
   * and the names its programs have there where they differ from the lab's image */
  upstream?(version: string): Upstream;
  capabilities(opts: OptionsOf<F>, role: Role): Capability<unknown>[];
  /** what it needs of other roles */
  requires?(opts: OptionsOf<F>, role: Role): Requirement[];
  /** links its options name, each at the option's path: they must exist */
  namesLinks?(opts: OptionsOf<F>): { path: string; link: string }[];
  /** the servers a link can name as role:server */
  servers?(opts: OptionsOf<F>): string[];
  /** the shapes of link it wires, from its role (a link nothing wires would be a fault that does nothing);
   * `about` says which, for a role with these options (undefined: none there) */
  readonly links?: { about(role: Role, opts: OptionsOf<F>): string | undefined; wires(link: Link, role: Role): boolean };
  build(ctx: BuildContext<OptionsOf<F>>): Built;
}

/** The upstream release a packaged version is ("2.8.2+ds1" → "2.8.2", "16.2.15-1" → "16.2.15"). */
export const release = (version: string): string => /^\d+(\.\d+)*/.exec(version)?.[0] ?? version;

export interface Upstream {
  image: string;
  programs?: Readonly<Record<string, string>>;
}

/** A product of the registry, whatever its options. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds products of every option type
export type AnyProduct = Product<string, any>;

export function defineProduct<const N extends string, const F extends Fills>(p: Product<N, F>): Product<N, F> {
  return p;
}
