// A scenario is data: topology + workload + faults + expectations (+ variants). Its schema is composed from the
// registries: the products that fill each role (and their options), the fault kinds, the commands, the op kinds
// (for bounds) and the checks. Nothing here names one of them.
import { z } from 'zod';
import { type FAULT_LIST, FAULTS } from '../../faults/index.ts';
import { evidenceSchema, type EvidenceSpec } from '../checks/evidence.ts';
import { Registry } from '../core/registry.ts';
import { COMMANDS, OP_KINDS, type CommandData, type CommandInput } from '../ops/index.ts';
import { layerSpec } from '../ops/layer-spec.ts';
import { fillersOf, PRODUCTS, type PRODUCT_LIST } from '../products/index.ts';
import type { Product } from '../products/product.ts';
import { IMPLIED_ROLE, REQUIRED_ROLE, ROLES, type Role } from '../products/roles.ts';
import { MAX_MS } from '../core/limits.ts';

type Raw = Record<string, unknown>;

/** Messages for a person: "unknown field owner" rather than zod's "Unrecognized key(s) in object". */
export const scenarioErrors: z.ZodErrorMap = (issue, ctx) =>
  issue.code === 'unrecognized_keys' ? { message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` } : { message: ctx.defaultError };

/** The fields an object schema takes (through refinements). */
function fieldsOf(s: z.ZodTypeAny): string[] {
  if (s instanceof z.ZodEffects) return fieldsOf(s.innerType());
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** `{ <tag>: name, ...fields }`: the name picks a registry entry, whose schema checks the other fields; a field
 * it does not take is named with the ones it does. */
function tagged<E extends { name: string }>(
  tag: string,
  reg: Registry<E>,
  spec: (e: E) => z.ZodTypeAny,
  unknown: (name: string) => string,
): z.ZodType<Raw, z.ZodTypeDef, unknown> {
  return z.record(z.unknown()).transform((raw, ctx) => {
    const name = raw[tag];
    if (typeof name !== 'string') {
      ctx.addIssue({ code: 'custom', path: [tag], message: `${tag} is required: one of ${reg.names.join(', ')}` });
      return z.NEVER;
    }
    const entry = reg.find(name);
    if (!entry) {
      ctx.addIssue({ code: 'custom', path: [tag], message: unknown(name) });
      return z.NEVER;
    }
    const { [tag]: _, ...rest } = raw;
    const parsed = spec(entry).safeParse(rest, { errorMap: scenarioErrors });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const takes = fieldsOf(spec(entry));
        const message =
          issue.code === 'unrecognized_keys' && issue.path.length === 0
            ? `${name} has no field ${issue.keys.join(', ')}; it takes ${takes.join(', ') || 'none'}`
            : issue.message;
        ctx.addIssue({ ...(issue as z.IssueData), message });
      }
      return z.NEVER;
    }
    return { [tag]: name, ...(parsed.data as Raw) };
  });
}

/** An object with exactly one of these keys, checked by that key's schema: the steps of a workload. */
function oneOf<S extends Record<string, z.ZodTypeAny>>(
  what: string,
  shapes: S,
): z.ZodType<{ [K in keyof S]: { [k in K]: z.output<S[K]> } }[keyof S], z.ZodTypeDef, unknown> {
  const keys = Object.keys(shapes);
  return z.record(z.unknown()).transform((raw, ctx) => {
    const given = Object.keys(raw);
    if (given.length !== 1 || !keys.includes(given[0]!)) {
      ctx.addIssue({ code: 'custom', message: `a ${what} is one of ${keys.join(', ')}; this one has ${given.length ? given.join(', ') : 'nothing'}` });
      return z.NEVER;
    }
    const key = given[0]!;
    const parsed = shapes[key]!.safeParse(raw[key], { errorMap: scenarioErrors });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...(issue as z.IssueData), path: [key, ...issue.path] });
      return z.NEVER;
    }
    return { [key]: parsed.data } as never;
  });
}

// --- topology: per role, the products that fill it and their options -----------------------------------------

const roleSchema = (role: Role) =>
  tagged(
    'product',
    new Registry(`product for ${role}`, fillersOf(role)),
    (p) => p.fills[role]!,
    (name) =>
      PRODUCTS.has(name)
        ? `${name} does not fill the ${role} role; ${fillersOf(role)
            .map((p) => p.name)
            .join(', ')} can`
        : `unknown product "${name}"; for ${role}: ${fillersOf(role)
            .map((p) => p.name)
            .join(', ')}`,
  );

const WRITTEN_ROLES = (Object.keys(ROLES) as Role[]).filter((r) => r !== IMPLIED_ROLE);

const linkSchema = z.object({ from: z.string(), to: z.string() }).strict();

const topologySchema = z
  .object({
    ...Object.fromEntries(WRITTEN_ROLES.map((r) => [r, r === REQUIRED_ROLE ? roleSchema(r) : roleSchema(r).optional()])),
    /** faultable links through the fault proxy; `from` and `to` are roles, or role:server for one server of a role */
    links: z.record(linkSchema).default({}),
  })
  .strict();

// --- faults, commands, steps -------------------------------------------------------------------------------------

const faultSchema = tagged(
  'kind',
  FAULTS,
  (k) => k.spec,
  (name) => `unknown fault kind "${name}"; known: ${FAULTS.names.join(', ')}`,
);
const commandSchema = tagged(
  'cmd',
  COMMANDS,
  (c) => c.spec,
  (name) => `unknown command "${name}"; known: ${COMMANDS.names.join(', ')}`,
);

/** The steps of a workload, each with what it does. */
export const STEPS = {
  push: z
    .object({ images: z.number().int().positive().max(10_000), layers: z.array(layerSpec).nonempty(), chunked: z.boolean().default(false) })
    .strict()
    .describe('`images` images pushed one after the other, each to its own repository, with these `layers` (monolithic uploads, or `chunked: true`)'),
  pull: z.literal('all').describe('every image pushed so far, pulled back and its blobs hashed'),
  fault: z.string().describe('the named fault applied (or the named action done)'),
  heal: z.string().describe('the named lasting fault healed'),
  commands: z.array(commandSchema).nonempty().describe('commands one after the other (a reproducer found by `lab fuzz` is one such step)'),
  wait: z
    .union([
      z.number().int().positive().max(MAX_MS),
      z
        .object({ between: z.tuple([z.number().int().nonnegative(), z.number().int().positive().max(MAX_MS)]) })
        .strict()
        .refine((w) => w.between[0] < w.between[1], 'the first bound must be below the second'),
    ])
    .describe('ms to let pass (a health check noticing an outage …); `{ between: [lo, hi] }` picks a moment from the run’s seed'),
};
const plainStep = oneOf('step', STEPS);
/** A step, or branches of steps that run at the same time; the step ends when every branch has. */
export const CONCURRENTLY = z
  .array(z.array(plainStep).nonempty())
  .min(2, 'needs at least two branches')
  .describe('branches of steps that run at the same time; the step ends when every branch has');
const stepSchema = oneOf('step', { ...STEPS, concurrently: CONCURRENTLY });

const expectSchema = z
  .object({
    /** evidence or checks that must all be seen for the verdict "reproduced" (the incident's symptoms) */
    reproduced: z.array(z.string()).default([]),
    /** invariants that must be violated for the verdict "reproduced" (a reproducer of a found violation) */
    violated: z.array(z.string()).default([]),
    /** invariants (or evidence) that must hold */
    holds: z.array(z.string()).default([]),
  })
  .strict();

/** per op kind, ms after which an op counts as hung */
const boundsSchema = z.record(z.number().int().positive().max(MAX_MS)).superRefine((b, ctx) => {
  for (const k of Object.keys(b))
    if (!OP_KINDS.has(k)) ctx.addIssue({ code: 'custom', path: [k], message: `unknown op kind "${k}"; known: ${OP_KINDS.names.join(', ')}` });
});

const body = {
  topology: topologySchema,
  workload: z.array(stepSchema).min(1, 'a workload needs at least one step'),
  faults: z.record(faultSchema).default({}),
  expect: expectSchema,
  /** the scenario's own evidence, by name: what `expect` names besides the bundled checks */
  evidence: z.record(evidenceSchema).default({}),
  bounds: boundsSchema.default({}),
};

const variantSchema = z
  .object({
    description: z.string(),
    /** roles that replace the scenario's own (whole), and links */
    topology: z.record(z.unknown()).optional(),
    workload: body.workload.optional(),
    faults: body.faults.optional(),
    expect: expectSchema.optional(),
    /** evidence added, or replacing the scenario's of the same name */
    evidence: z.record(evidenceSchema).optional(),
    bounds: body.bounds.optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    symptom: z.string().min(1),
    source: z.string().min(1),
    ...body,
    /** named overrides: each replaces the top-level fields it gives; topology roles are merged */
    variants: z.record(variantSchema).default({}),
  })
  .strict();

// --- the types scenario files are written in, derived from the registries ---------------------------------------

type Products = (typeof PRODUCT_LIST)[number];
type RoleSpec<R extends Role, In extends boolean> = Products extends infer P
  ? P extends Product<infer N, infer F>
    ? R extends keyof F
      ? F[R] extends z.ZodTypeAny
        ? { product: N } & (In extends true ? z.input<F[R]> : z.output<F[R]>)
        : never
      : never
    : never
  : never;
type TopologyOf<In extends boolean> = { registry: RoleSpec<'registry', In> } & {
  [R in Exclude<Role, 'registry' | 'fault-proxy'>]?: RoleSpec<R, In>;
} & (In extends true ? { links?: Record<string, { from: string; to: string }> } : { links: Record<string, { from: string; to: string }> });

type Kinds = (typeof FAULT_LIST)[number];
type FaultSpecOf<In extends boolean> = Kinds extends infer K
  ? K extends { name: infer N; spec: infer S extends z.ZodTypeAny }
    ? { kind: N } & (In extends true ? z.input<S> : z.output<S>)
    : never
  : never;

type PlainStepOf<In extends boolean> =
  | { push: { images: number; layers: [string, ...string[]]; chunked?: boolean } }
  | { pull: 'all' }
  | { fault: string }
  | { heal: string }
  | { commands: [In extends true ? CommandInput : CommandData, ...(In extends true ? CommandInput : CommandData)[]] }
  | { wait: number | { between: [number, number] } };
type StepOf<In extends boolean> = PlainStepOf<In> | { concurrently: [PlainStepOf<In>[], ...PlainStepOf<In>[][]] };

type Expect<In extends boolean> = In extends true
  ? { reproduced?: string[]; violated?: string[]; holds?: string[] }
  : { reproduced: string[]; violated: string[]; holds: string[] };

interface ScenarioOf<In extends boolean> {
  name: string;
  symptom: string;
  source: string;
  topology: TopologyOf<In>;
  workload: StepOf<In>[];
  faults: In extends true ? Record<string, FaultSpecOf<true>> | undefined : Record<string, FaultSpecOf<false>>;
  expect: Expect<In>;
  evidence: In extends true ? Record<string, z.input<typeof evidenceSchema>> | undefined : Record<string, EvidenceSpec>;
  bounds: In extends true ? Record<string, number> | undefined : Record<string, number>;
  variants: In extends true
    ?
        | Record<
            string,
            {
              description: string;
              topology?: Partial<TopologyOf<true>>;
              workload?: StepOf<true>[];
              faults?: Record<string, FaultSpecOf<true>>;
              expect?: Expect<true>;
              evidence?: Record<string, z.input<typeof evidenceSchema>>;
              bounds?: Record<string, number>;
            }
          >
        | undefined
    : Record<string, z.output<typeof variantSchema>>;
}

export type ScenarioInput = Omit<ScenarioOf<true>, 'faults' | 'evidence' | 'bounds' | 'variants'> &
  Partial<Pick<ScenarioOf<true>, 'faults' | 'evidence' | 'bounds' | 'variants'>>;
export type Scenario = ScenarioOf<false>;
export type Topology = Scenario['topology'];
export type TopologyInput = TopologyOf<true>;
export type Step = StepOf<false>;
export type PlainStep = PlainStepOf<false>;
export type FaultSpec = FaultSpecOf<false>;

/** Typed helper for scenario files: `export default scenario({...})` */
export function scenario(s: ScenarioInput): ScenarioInput {
  return s;
}
