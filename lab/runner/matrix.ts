// `lab matrix`: one scenario over every object store and registry version (and, when asked, Ceph releases and
// runtimes), as one table.
import type { Runtime, Verdict } from '../core/run-files.ts';
import { BACKEND_CHOICES, cannotApply, REGISTRY_CHOICES, withChoice, type StackChoice } from '../scenario/choice.ts';
import type { Loaded } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface MatrixRow {
  backend: string;
  registry: string;
  /** when the Ceph and runtime axes were asked for */
  ceph?: string;
  runtime?: Runtime;
  /** why the combination cannot run, when it cannot */
  notApplicable?: string;
  verdict?: Verdict;
  seconds?: number;
  run?: string;
}

/** The values of each axis; Ceph releases apply to the ceph backend only. Not given: every object store and
 * registry version, the scenario's Ceph release, natively. */
export interface Axes {
  backend?: readonly string[];
  registry?: readonly string[];
  ceph?: readonly string[];
  runtime?: readonly Runtime[];
}

type Combination = Pick<MatrixRow, 'backend' | 'registry' | 'ceph' | 'runtime'>;

export function combinations(a: Axes = {}): Combination[] {
  const cephs = (backend: string) => (backend === 'ceph' && a.ceph ? a.ceph : [undefined]);
  return (a.backend ?? BACKEND_CHOICES).flatMap((backend) =>
    cephs(backend).flatMap((ceph) =>
      (a.registry ?? REGISTRY_CHOICES).flatMap((registry) =>
        (a.runtime ?? [undefined]).map((runtime) => ({ backend, registry, ...(ceph && { ceph }), ...(runtime && { runtime }) })),
      ),
    ),
  );
}

/** A combination as a row of the table names it: "ceph 18, Distribution 3, container". */
export function comboName(c: Combination): string {
  return [`${c.backend}${c.ceph ? ` ${c.ceph}` : ''}`, `Distribution ${c.registry}`, ...(c.runtime ? [c.runtime] : [])].join(', ');
}

/** The combinations of a scenario's matrix, each with the choice it makes: a scenario whose registry is not on
 * an S3 store keeps its own store unless a backend is asked for. */
export function matrixOf(l: Pick<Loaded, 'scenario'>, axes: Axes = {}): { combination: Combination; choice: StackChoice }[] {
  const store = l.scenario.topology['object-store']?.product ?? l.scenario.topology.registry.storage;
  const own = !axes.backend && !BACKEND_CHOICES.includes(store);
  return combinations(own ? { ...axes, backend: [store] } : axes).map((c) => ({ combination: c, choice: own ? { ...c, backend: undefined } : c }));
}

/** Runs every combination in turn; one that cannot apply is a row saying why. */
export async function runMatrix(
  l: Loaded,
  run: (s: Scenario, c: StackChoice) => Promise<{ verdict: Verdict; run: string }>,
  done: (row: MatrixRow) => void,
  axes: Axes = {},
): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  for (const { combination: c, choice } of matrixOf(l, axes)) {
    const why = cannotApply(l, choice);
    let row: MatrixRow = { ...c, notApplicable: why };
    if (!why) {
      const t0 = performance.now();
      const r = await run(withChoice(l, choice), choice);
      row = { ...c, verdict: r.verdict, run: r.run, seconds: (performance.now() - t0) / 1000 };
    }
    rows.push(row);
    done(row);
  }
  return rows;
}

/** Symptoms seen out of those expected, by name: "3/3" or "2/3 (not seen: object-store-silent)"; for a
 * scenario that expects checkers to break rather than symptoms, the checkers that did. */
function symptomsSeen(v: Verdict): string {
  const all = Object.entries(v.checks).filter(([, c]) => c.kind === 'symptom');
  if (all.length === 0) {
    const broken = Object.entries(v.checks)
      .filter(([, c]) => c.valid === false)
      .map(([n]) => n);
    return broken.length > 0 ? `violated: ${broken.join(', ')}` : '-';
  }
  const missing = all.filter(([, f]) => f.valid !== true).map(([n]) => n);
  return `${all.length - missing.length}/${all.length}${missing.length ? ` (not seen: ${missing.join(', ')})` : ''}`;
}

/** The table, as Markdown (it reads in a terminal and pastes into a README). */
export function matrixTable(name: string, rows: readonly MatrixRow[]): string[] {
  const lines = [`| ${name} | verdict | symptoms seen | wall |`, '|---|---|---|---|'];
  for (const r of rows) {
    const combo = comboName(r);
    if (r.notApplicable) lines.push(`| ${combo} | cannot apply | ${r.notApplicable} | - |`);
    else lines.push(`| ${combo} | ${r.verdict!.verdict} | ${symptomsSeen(r.verdict!)} | ${r.seconds!.toFixed(1)} s |`);
  }
  return lines;
}

/** 0 when every combination that applies met its expectations; else the worst exit code; 2 when none applies. */
export function matrixExitCode(rows: readonly MatrixRow[]): number {
  const codes = rows.flatMap((r) => (r.verdict ? [r.verdict.exitCode] : []));
  return codes.length === 0 ? 2 : Math.max(...codes);
}
