// Finding, loading and validating scenario files. Every problem is a ScenarioError saying what and where; a
// scenario is checked whole, every variant included, before anything starts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ZodIssue } from 'zod';
import { CHECKS } from '../checks/index.ts';
import { ScenarioError } from '../core/errors.ts';
import type { RunJson } from '../core/run-files.ts';
import { problems } from './rules.ts';
import { scenarioErrors, scenarioSchema, type Scenario } from './schema.ts';

export const SCENARIO_DIR = resolve(import.meta.dirname, '..', '..', 'scenarios');

/** A scenario file by its name: .ts or .json, but not a folder's package.json or tsconfig.json (a folder of
 * TypeScript scenarios outside the lab needs a package.json saying "type": "module"). */
export const isScenarioFile = (f: string): boolean => /\.(ts|json)$/.test(f) && !['package.json', 'tsconfig.json'].includes(basename(f));

/** The scenario files of a folder (`--dir`, or the lab's scenarios/), sorted. */
export function scenarioFiles(dir = SCENARIO_DIR): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ScenarioError(`${dir}: no such scenarios folder`);
  return readdirSync(dir)
    .filter(isScenarioFile)
    .sort()
    .map((f) => join(dir, f));
}

export function scenarioNames(dir = SCENARIO_DIR): string[] {
  return scenarioFiles(dir).map((f) => basename(f, extname(f)));
}

/** A scenario file: a path as given, or a name in `dir` (the lab's scenarios/ unless told). */
export function locate(nameOrPath: string, dir = SCENARIO_DIR): string {
  if (/\.(ts|json)$/.test(nameOrPath) || nameOrPath.includes('/')) {
    const file = resolve(nameOrPath);
    if (!existsSync(file)) throw new ScenarioError(`${nameOrPath}: no such scenario file`);
    return file;
  }
  for (const ext of ['.ts', '.json']) {
    const file = join(dir, nameOrPath + ext);
    if (existsSync(file)) return file;
  }
  const inDir = dir === SCENARIO_DIR ? '' : ` in ${relative(process.cwd(), dir) || dir}`;
  throw new ScenarioError(`unknown scenario "${nameOrPath}"${inDir}; known: ${scenarioNames(dir).join(', ')}`);
}

function where(issue: ZodIssue): string {
  return issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top level)';
}

function describe(issue: ZodIssue): string {
  if (issue.code === 'invalid_union') {
    const inner = issue.unionErrors.flatMap((e) => e.issues).sort((a, b) => b.path.length - a.path.length)[0];
    if (inner) return `${describe(inner)} (at ${where(inner)})`;
  }
  return issue.message;
}

/** The issue to report: an unknown field first (a typo in a required field also makes it "Required"). */
function firstIssue(issues: ZodIssue[]): ZodIssue {
  return issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
}

async function read(file: string, shown: string): Promise<unknown> {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ScenarioError(`${shown}: not valid JSON: ${(e as Error).message}`);
    }
  }
  try {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    if (mod.default === undefined) throw new ScenarioError(`${shown}: has no default export`);
    return mod.default;
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError(`${shown}: cannot load: ${String((e as Error).message).split('\n')[0]}`);
  }
}

/** The shape and the rules of one scenario (a variant already merged in); `at` prefixes every location. */
function check(raw: unknown, shown: string, at = ''): Scenario {
  const parsed = scenarioSchema.safeParse(raw, { errorMap: scenarioErrors });
  if (!parsed.success) {
    const issue = firstIssue(parsed.error.issues);
    throw new ScenarioError(`${shown}: ${at}${where(issue)}: ${describe(issue)}`);
  }
  const s = parsed.data as unknown as Scenario;
  const [p] = problems(s, at !== '');
  if (p) throw new ScenarioError(`${shown}: ${at}${p.path}: ${p.message}`);
  return s;
}

/** The raw scenario with a variant's fields in place of its own; topology roles and evidence are replaced one by one. */
export function withVariant(raw: unknown, variant: string): unknown {
  const r = raw as { topology?: Record<string, unknown>; evidence?: Record<string, unknown>; variants?: Record<string, Record<string, unknown>> };
  const { description: _, topology, evidence, ...rest } = r.variants?.[variant] ?? {};
  return { ...r, ...rest, topology: { ...r.topology, ...(topology as object) }, evidence: { ...r.evidence, ...(evidence as object) } };
}

/** The scenario, every variant checked too; with `variant`, that variant's scenario. `shown` begins every error
 * message: the file as a person names it, or what the scenario is being tried with. */
export function validate(raw: unknown, shown: string, variant?: string): Scenario {
  const s = check(raw, shown);
  const variants = new Map(Object.keys(s.variants).map((v) => [v, check(withVariant(raw, v), shown, `variants.${v}: `)]));
  if (variant === undefined) return s;
  const chosen = variants.get(variant);
  if (!chosen) throw new ScenarioError(`${shown}: no variant "${variant}"; known: ${[...variants.keys()].join(', ') || 'none'}`);
  return chosen;
}

export interface Loaded {
  scenario: Scenario;
  /** as written (a choice of backend or registry starts from it) */
  raw: unknown;
  file: string;
  /** the file as a person names it: relative to the working directory */
  shown: string;
}

export async function loadScenario(nameOrPath: string, variant?: string): Promise<Loaded> {
  const file = locate(nameOrPath);
  const shown = relative(process.cwd(), file) || file;
  const raw = await read(file, shown);
  return { scenario: validate(raw, shown, variant), raw: variant === undefined ? raw : withVariant(raw, variant), file, shown };
}

/** What a stored run is judged by. A run recorded before its scenario stated its evidence names bundled checks
 * that are now evidence in the scenario's file: that evidence is taken from the file (as it is now). */
export async function definitionOf(meta: RunJson): Promise<RunJson['definition']> {
  const d = meta.definition;
  const { reproduced, violated, holds } = d.expect;
  if ([...reproduced, ...violated, ...holds].every((n) => n in d.evidence || CHECKS.has(n))) return d;
  try {
    const { scenario } = await loadScenario(meta.scenario, meta.variant ?? undefined);
    return { ...d, evidence: { ...scenario.evidence, ...d.evidence } };
  } catch {
    return d;
  }
}

/** Loads and validates one scenario file (every variant); a problem is one line, naming the file first. */
export async function tryScenario(file: string): Promise<{ ok: true; scenario: Scenario; shown: string } | { ok: false; message: string }> {
  try {
    const l = await loadScenario(file);
    return { ok: true, scenario: l.scenario, shown: l.shown };
  } catch (e) {
    const message = String((e as Error).message).split('\n')[0]!;
    return { ok: false, message: e instanceof ScenarioError ? message : `${file}: ${message}` };
  }
}
