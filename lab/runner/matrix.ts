// `lab matrix`: one scenario over every object store and registry version, as one table.
import type { Verdict } from '../core/run-files.ts';
import { BACKEND_CHOICES, cannotApply, REGISTRY_CHOICES, withChoice, type StackChoice } from '../scenario/choice.ts';
import type { Loaded } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface MatrixRow {
  backend: string;
  registry: string;
  /** why the combination cannot run, when it cannot */
  notApplicable?: string;
  verdict?: Verdict;
  seconds?: number;
  run?: string;
}

export function combinations(): Required<StackChoice>[] {
  return BACKEND_CHOICES.flatMap((backend) => REGISTRY_CHOICES.map((registry) => ({ backend, registry })));
}

/** Runs every combination in turn; one that cannot apply is a row saying why. */
export async function runMatrix(
  l: Loaded,
  run: (s: Scenario, c: Required<StackChoice>) => Promise<{ verdict: Verdict; run: string }>,
  done: (row: MatrixRow) => void,
): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  for (const c of combinations()) {
    const why = cannotApply(l, c);
    let row: MatrixRow = { ...c, notApplicable: why };
    if (!why) {
      const t0 = performance.now();
      const r = await run(withChoice(l, c), c);
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
    const combo = `${r.backend}, Distribution ${r.registry}`;
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
