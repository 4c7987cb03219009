// The files of a run directory besides its events: run.json (what ran), verdict.json (what the checks found),
// failure.json (a fuzz run's shrunk case). One schema each; old shapes are upcast on read, never rewritten.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z, type ZodType } from 'zod';
import { ScenarioError } from './errors.ts';

const validity = z.union([z.literal(true), z.literal(false), z.literal('unknown')]);

/** What one check found: an invariant that holds (true) or is violated (false), or a symptom seen (true) or
 * not (false); 'unknown' when the run cannot tell. */
const resultSchema = z.object({
  kind: z.enum(['invariant', 'symptom']),
  valid: validity,
  evidence: z.array(z.string()),
  /** where: ops, and events by seq */
  ops: z.array(z.number().int()).optional(),
  seqs: z.array(z.number().int()).optional(),
});
export type Result = z.infer<typeof resultSchema>;

const VERDICTS = ['reproduced', 'not reproduced', 'holds', 'violated', 'unknown', 'interrupted'] as const;

const verdictSchema = z.object({
  verdict: z.enum(VERDICTS),
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  expected: z.enum(['reproduced', 'holds']),
  /** why the verdict is what it is, in one line (absent in old verdicts) */
  reason: z.string().optional(),
  /** every check that ran, by name */
  checks: z.record(resultSchema),
  /** components that exited while nobody asked them to */
  crashes: z.array(z.string()),
});
export type Verdict = z.infer<typeof verdictSchema>;

/** The expectations a verdict is judged against, as run.json keeps them. */
const expectationsSchema = z.object({
  expect: z.object({ reproduced: z.array(z.string()).default([]), violated: z.array(z.string()).default([]), holds: z.array(z.string()).default([]) }),
  bounds: z.record(z.number()).default({}),
  /** the scenario's own evidence, by name (lab/checks/evidence.ts gives its shape) */
  evidence: z.record(z.unknown()).default({}),
});
export type Expectations = z.infer<typeof expectationsSchema>;

/** How a run's components run: child processes of installed programs, or containers of images built here. */
export const RUNTIMES = ['native', 'container'] as const;
export type Runtime = (typeof RUNTIMES)[number];

const runJsonSchema = z.object({
  id: z.string(),
  mode: z.enum(['scenario', 'up', 'fuzz', 'import']).default('scenario'),
  /** how components ran: natively or in containers */
  runtime: z.enum(RUNTIMES).default('native'),
  /** in containers, the image each role ran */
  images: z.record(z.string()).optional(),
  scenario: z.string().default('unknown scenario'),
  variant: z.string().nullable().default(null),
  file: z.string().default(''),
  seed: z.number().int().default(0),
  /** product → its version string */
  versions: z.record(z.string()).default({}),
  /** role → where it listens */
  endpoints: z.record(z.string()).default({}),
  /** role → the product filling it */
  products: z.record(z.string()).default({}),
  links: z.record(z.object({ from: z.string(), to: z.string() })).default({}),
  /** an imported run: the files it was read from, each's format and host and how many lines were understood */
  imported: z
    .object({
      files: z.array(
        z.object({ file: z.string(), format: z.string(), host: z.string(), lines: z.number(), understood: z.number(), notUnderstood: z.array(z.string()) }),
      ),
    })
    .optional(),
  /** the scenario as validated; its expectations are what `lab analyze` judges by */
  definition: expectationsSchema.passthrough(),
});
export type RunJson = z.infer<typeof runJsonSchema>;

const failureSchema = z.object({
  backend: z.string().default('ceph'),
  seed: z.number().int(),
  /** fast-check's path to the shrunk case, and the commands' replay path */
  path: z.string(),
  replayPath: z.string().optional(),
  faults: z.array(z.string()),
  maxCommands: z.number().int(),
  runs: z.number().int(),
  checker: z.string(),
  evidence: z.array(z.string()),
  commands: z.array(z.record(z.unknown())),
});
export type Failure = z.infer<typeof failureSchema>;

type Raw = Record<string, unknown>;

/** Before checks were one family, verdict.json kept symptoms ({seen}) apart from checks. */
function upcastVerdict(raw: Raw): Raw {
  if (!raw.symptoms || typeof raw.symptoms !== 'object') return raw;
  const { symptoms, checks, ...rest } = raw as { symptoms: Record<string, Raw>; checks?: Record<string, Raw> };
  const invariants = Object.entries(checks ?? {}).map(([n, c]) => [n, { kind: 'invariant', ...c }]);
  const seen = Object.entries(symptoms).map(([n, { seen: valid, ...f }]) => [n, { kind: 'symptom', valid, ...f }]);
  return { ...rest, checks: Object.fromEntries([...seen, ...invariants]) };
}

/** Before run.json named the products and links, they were read from the definition's topology. */
function upcastRun(raw: Raw): Raw {
  const topology = (raw.definition as { topology?: Record<string, Raw> } | undefined)?.topology;
  if (!topology || raw.products) return raw;
  const { links = {}, ...roles } = topology;
  const products = Object.fromEntries(Object.entries(roles).flatMap(([role, r]) => (typeof r?.product === 'string' ? [[role, r.product]] : [])));
  return { ...raw, products, links };
}

function read<T>(file: string, schema: ZodType<T, z.ZodTypeDef, unknown>, up: (raw: Raw) => Raw = (r) => r): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ScenarioError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON: ${(e as Error).message}`}`);
  }
  const parsed = schema.safeParse(raw && typeof raw === 'object' ? up(raw as Raw) : raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ScenarioError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

export const readRunJson = (dir: string): RunJson => read(join(dir, 'run.json'), runJsonSchema, upcastRun);
export const readVerdict = (dir: string): Verdict => read(join(dir, 'verdict.json'), verdictSchema, upcastVerdict);
export const readFailure = (dir: string): Failure => read(join(dir, 'failure.json'), failureSchema);

/** The header facts of a run, for the terminal UI. */
export interface RunMeta {
  id: string;
  scenario: string;
  variant?: string | null;
  seed: number;
  versions: Record<string, string>;
  /** the products filling the storage roles, e.g. "ceph, envoy" */
  backend: string;
  links: Record<string, { from: string; to: string }>;
  verdict?: Verdict;
}

/** "ceph, envoy": the object store (or the registry's storage when there is none) and the s3-front. */
export function backendOf(products: Readonly<Record<string, string>>, storage?: unknown): string {
  return [products['object-store'] ?? (typeof storage === 'string' ? storage : undefined), products['s3-front']].filter(Boolean).join(', ');
}

/** A stored run's header facts. */
export function metaOf(run: RunJson, verdict?: Verdict): RunMeta {
  const storage = (run.definition as { topology?: { registry?: { storage?: unknown } } }).topology?.registry?.storage;
  return {
    id: run.id,
    scenario: run.scenario,
    variant: run.variant,
    seed: run.seed,
    versions: run.versions,
    backend: backendOf(run.products, storage),
    links: run.links,
    verdict,
  };
}

/** The verdict of a run, or undefined when it has none yet (a run in progress, or one that crashed). */
export function verdictOf(dir: string): Verdict | undefined {
  return existsSync(join(dir, 'verdict.json')) ? readVerdict(dir) : undefined;
}
