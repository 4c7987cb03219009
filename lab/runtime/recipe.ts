// The stack's recipe: what each component did to start, in order, so that it can be done again without the lab
// (an exported compose project). Components note the directories and config files they make, the one-shot
// commands and programs they run, the HTTP calls they make to set a server up (a bucket, a proxy), and the moment
// they are ready. One line of recipe.ndjson in the run directory per step.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const common = { role: z.string(), product: z.string() };
const env = z.record(z.string());

export const recipeStepSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('dir'), path: z.string() }),
  z.object({ ...common, kind: z.literal('file'), path: z.string(), text: z.string() }),
  z.object({ ...common, kind: z.literal('run'), command: z.string(), args: z.array(z.string()), env, exits: z.array(z.number()).optional() }),
  z.object({ ...common, kind: z.literal('spawn'), name: z.string(), command: z.string(), args: z.array(z.string()), env, cwd: z.string() }),
  z.object({ ...common, kind: z.literal('bucket'), endpoint: z.string(), bucket: z.string(), accessKey: z.string(), secretKey: z.string() }),
  z.object({ ...common, kind: z.literal('proxy'), name: z.string(), listen: z.string(), upstream: z.string() }),
  z.object({ ...common, kind: z.literal('ready'), endpoint: z.string() }),
]);
export type RecipeStep = z.infer<typeof recipeStepSchema>;

const FILE = 'recipe.ndjson';
/** variables every program gets from the lab, which a container's image sets itself */
const AMBIENT = new Set(['PATH', 'HOME', 'LANG']);

/** The variables of a program's environment that are its own. */
export function ownEnv(e: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(e).filter((kv): kv is [string, string] => !AMBIENT.has(kv[0]) && kv[1] !== undefined));
}

export function noteStep(runDir: string, step: RecipeStep): void {
  appendFileSync(join(runDir, FILE), `${JSON.stringify(step)}\n`);
}

/** Each component's steps up to and including its readiness (what it did to start, not what faults did later). */
export function setupOf(recipe: readonly RecipeStep[]): RecipeStep[] {
  const ready = new Set<string>();
  return recipe.filter((s) => {
    if (ready.has(s.role)) return false;
    if (s.kind === 'ready') ready.add(s.role);
    return true;
  });
}

/** The recipe of a run; empty for a run older than recipes. */
export function readRecipe(runDir: string): RecipeStep[] {
  const file = join(runDir, FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => recipeStepSchema.parse(JSON.parse(l)));
}
