// A fault kind: what a scenario writes (its spec), what it needs of the topology, a pure plan (what, where,
// with structured targets) and a thin effect that applies it to the running stack and returns what it really
// did. A lasting fault is applied and later healed; a one-shot action (a cache flush, a failover) is done once
// and has nothing to heal: that is its own type.
import type { z } from 'zod';
import type { Target } from '../lab/core/events/schema.ts';
import type { Requirement } from '../lab/products/product.ts';
import type { Stack } from '../lab/runtime/stack.ts';

/** What the real component answered (the toxic as Toxiproxy stored it, radosgw-admin's report …). */
export type Detail = Record<string, unknown>;

/** A role with a capability, or a link that must exist (at the spec's field `path`). */
export type Need = Requirement | { link: string; path: string };

export interface Plan {
  fault: string;
  targets: Target[];
}

export interface Lasting {
  apply(): Promise<Detail>;
  heal(): Promise<Detail>;
}

export interface Action {
  run(): Promise<Detail>;
}

interface Common<K extends string, S extends z.ZodTypeAny, P extends Plan> {
  readonly name: K;
  readonly about: string;
  /** the fields a scenario writes besides `kind` */
  readonly spec: S;
  needs(spec: z.output<S>): Need[];
  /** pure: the same spec always gives the same plan */
  plan(fault: string, spec: z.output<S>): P;
  /** before the stack starts: what the plan needs configured (a filter in a proxy's config …) */
  prepare?(plan: P, stack: Stack): void;
  /** an exported reproducer's calls of the bundle's functions (each a function's name and its words) that apply
   * it, and heal it when it lasts */
  script?(plan: P): { apply: string[]; heal?: string[] };
}

export interface LastingKind<K extends string = string, S extends z.ZodTypeAny = z.ZodTypeAny, P extends Plan = Plan> extends Common<K, S, P> {
  readonly shape: 'lasting';
  effect(plan: P, stack: Stack): Lasting;
}

export interface ActionKind<K extends string = string, S extends z.ZodTypeAny = z.ZodTypeAny, P extends Plan = Plan> extends Common<K, S, P> {
  readonly shape: 'action';
  effect(plan: P, stack: Stack): Action;
}

export type FaultKind = LastingKind | ActionKind;

export const lasting = <const K extends string, S extends z.ZodTypeAny, P extends Plan>(k: Omit<LastingKind<K, S, P>, 'shape'>): LastingKind<K, S, P> => ({
  shape: 'lasting',
  ...k,
});
export const action = <const K extends string, S extends z.ZodTypeAny, P extends Plan>(k: Omit<ActionKind<K, S, P>, 'shape'>): ActionKind<K, S, P> => ({
  shape: 'action',
  ...k,
});
