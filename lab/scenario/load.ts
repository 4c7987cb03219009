// Finding, loading and validating scenario files. Every problem is a ScenarioError saying what and where.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ZodIssue } from 'zod';
import { ScenarioError } from '../errors.ts';
import { scenarioSchema, type PlainStep, type Scenario } from './schema.ts';

export const SCENARIO_DIR = resolve(import.meta.dirname, '..', '..', 'scenarios');

export function scenarioNames(dir = SCENARIO_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ts|json)$/.test(f))
    .map((f) => basename(f, extname(f)))
    .sort();
}

function locate(nameOrPath: string): string {
  if (/\.(ts|json)$/.test(nameOrPath) || nameOrPath.includes('/')) {
    const file = resolve(nameOrPath);
    if (!existsSync(file)) throw new ScenarioError(`${nameOrPath}: no such scenario file`);
    return file;
  }
  for (const ext of ['.ts', '.json']) {
    const file = join(SCENARIO_DIR, nameOrPath + ext);
    if (existsSync(file)) return file;
  }
  throw new ScenarioError(`unknown scenario "${nameOrPath}"; known: ${scenarioNames().join(', ')}`);
}

function where(issue: ZodIssue): string {
  return issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top level)';
}

function describe(issue: ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_union') {
    const inner = issue.unionErrors.flatMap((e) => e.issues).sort((a, b) => b.path.length - a.path.length)[0];
    if (inner) return `${describe(inner)} (at ${where(inner)})`;
  }
  return issue.message;
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

/** Checks the names that refer to each other: links, faults, workload steps. */
function crossCheck(s: Scenario, shown: string): void {
  const fail = (path: string, msg: string): never => {
    throw new ScenarioError(`${shown}: ${path}: ${msg}`);
  };
  const roles = Object.keys(s.topology).filter((k) => k !== 'links');
  for (const [name, l] of Object.entries(s.topology.links)) {
    if (!roles.includes(l.from.split(':')[0]!)) fail(`topology.links.${name}.from`, `no role "${l.from.split(':')[0]}" in the topology`);
    if (!roles.includes(l.to.split(':')[0]!)) fail(`topology.links.${name}.to`, `no role "${l.to.split(':')[0]}" in the topology`);
  }
  const front = s.topology['s3-front'];
  if (front?.product === 'nginx' && front.idleTimeoutMs === 0) fail('topology.s3-front.idleTimeoutMs', 'nginx cannot go without a read timeout: 0 (none) needs envoy');
  if (front?.writesBelowBytes !== undefined && !front.writesVia) fail('topology.s3-front.writesBelowBytes', 'needs writesVia: the link small writes take');
  if (front?.product === 'nginx' && front.writesBelowBytes !== undefined && !/^10*$/.test(String(front.writesBelowBytes))) fail('topology.s3-front.writesBelowBytes', 'nginx routes by the number of digits: use a power of ten');
  const via = front?.writesVia;
  if (via && !s.topology.links[via]) fail('topology.s3-front.writesVia', `no link "${via}"`);
  const store = s.topology['object-store']?.product;
  if (s.topology.registry.storage === 's3' && store !== 'ceph' && store !== 'minio') fail('topology.registry.storage', 's3 storage needs a ceph or minio object-store');
  if (s.topology.registry.storage === 'swift' && s.topology.registry.version !== '2.8') fail('topology.registry.version', 'the swift driver is gone from Distribution 3: swift storage needs 2.8');
  if (s.topology.registry.storage === 'swift' && store !== 'swift') fail('topology.registry.storage', 'swift storage needs a swift object-store');
  if (s.topology.registry.cache === 'redis' && !s.topology.cache) fail('topology.registry.cache', 'a redis cache needs a cache role');
  if (s.topology.registry.redisHealthCheck && s.topology.registry.cache !== 'redis') fail('topology.registry.redisHealthCheck', 'needs the redis cache');
  for (const [name, f] of Object.entries(s.faults)) {
    if ('link' in f && !s.topology.links[f.link]) fail(`faults.${name}.link`, `no link "${f.link}"`);
    if (f.kind === 'daemon-pass' && s.topology['object-store']?.product !== 'swift') fail(`faults.${name}`, 'a daemon pass needs a swift object-store');
    if (f.kind === 'cache-flush' && s.topology.registry.cache !== 'redis') fail(`faults.${name}`, 'a cache flush needs the redis cache');
    if (f.kind === 'process' && !roles.includes(f.role)) fail(`faults.${name}.role`, `no role "${f.role}" in the topology`);
    if ((f.kind === 'bucket-switch' || f.kind === 'bucket-copy') && s.topology.registry.storage !== 's3') fail(`faults.${name}`, `a ${f.kind} needs a registry on S3 storage`);
    if ((f.kind === 'zone-failover' || f.kind === 'sync-wait') && !s.topology['object-store']?.multisite) fail(`faults.${name}`, `a ${f.kind} needs a multisite object-store`);
    if (f.kind === 'quota' && store !== 'ceph') fail(`faults.${name}`, `a quota needs a ceph object-store (the lab sets it with radosgw-admin), not ${store ?? 'none'}`);
    if ((f.kind === 'failover' || f.kind === 'sync-pass') && !s.topology.standby) fail(`faults.${name}`, `a ${f.kind} needs a standby registry`);
    if (f.kind === 'failover' && !s.topology['registry-front']) fail(`faults.${name}`, 'a failover switches the registry-front, and there is none');
  }
  if (s.topology['object-store']?.multisite && store !== 'ceph') fail('topology.object-store.multisite', 'multisite is Ceph RGW zones: it needs ceph');
  if (s.topology['object-store']?.multisite && s.topology['s3-front']) fail('topology.s3-front', 'a multisite registry talks to its zone directly: no s3-front');
  if (s.topology.standby && s.topology.registry.storage !== 'filesystem') fail('topology.standby', 'rsync copies a filesystem registry: the registry needs filesystem storage');
  const refsOf = (step: PlainStep) => ('fault' in step ? [step.fault] : 'heal' in step ? [step.heal] : 'commands' in step ? step.commands.flatMap((c) => ('fault' in c ? [c.fault] : [])) : []);
  s.workload.forEach((step, i) => {
    const refs = 'concurrently' in step ? step.concurrently.flat().flatMap(refsOf) : refsOf(step);
    for (const ref of refs) if (!s.faults[ref]) fail(`workload[${i}]`, `no fault "${ref}"; defined: ${Object.keys(s.faults).join(', ') || 'none'}`);
  });
}

/** The issue to report: an unknown field first (a typo in a required field also makes it "Required"). */
function firstIssue(issues: ZodIssue[]): ZodIssue {
  return issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
}

export function validate(raw: unknown, shown: string, variant?: string): Scenario {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error.issues);
    throw new ScenarioError(`${shown}: ${where(issue)}: ${describe(issue)}`);
  }
  let s = parsed.data;
  if (variant !== undefined) {
    const v = s.variants[variant];
    if (!v) throw new ScenarioError(`${shown}: no variant "${variant}"; known: ${Object.keys(s.variants).join(', ') || 'none'}`);
    const merged = { ...raw as object, topology: { ...(raw as { topology: object }).topology, ...v.topology }, ...(v.workload && { workload: v.workload }), ...(v.faults && { faults: v.faults }), ...(v.expect && { expect: v.expect }) };
    const again = scenarioSchema.safeParse(merged);
    if (!again.success) {
      const issue = firstIssue(again.error.issues);
      throw new ScenarioError(`${shown}: variants.${variant}: ${where(issue)}: ${describe(issue)}`);
    }
    s = again.data;
  }
  crossCheck(s, shown);
  return s;
}

export async function loadScenario(nameOrPath: string, variant?: string): Promise<{ scenario: Scenario; file: string }> {
  const file = locate(nameOrPath);
  const shown = relative(process.cwd(), file) || file;
  return { scenario: validate(await read(file, shown), shown, variant), file };
}
