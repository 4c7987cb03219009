// Human output: a short live timeline of the run and the verdict with its evidence.
import { targetText, type LabEvent } from '../core/events/schema.ts';
import type { Verdict } from '../core/run-files.ts';

const secs = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)}s`;

/** One timeline line for the events a person wants to see as they happen; null for the rest. */
function timelineLine(e: LabEvent, invokedAt: ReadonlyMap<number, number> = new Map()): string | null {
  const at = secs(e.t);
  switch (e.type) {
    case 'phase':
      return `${at}  ── ${e.name}`;
    case 'component.ready':
      return `${at}  ${e.component} (${e.product}) ready at ${e.endpoint} in ${(e.ms / 1000).toFixed(2)} s`;
    case 'component.exited':
      return e.expected ? null : `${at}  ! ${e.component} (${e.product}) pid ${e.pid} exited unexpectedly: ${e.code ?? e.signal}`;
    case 'fault.applied':
      return `${at}  ⚡ fault ${e.fault} applied: ${e.kind} on ${e.targets.map(targetText).join(', ')}`;
    case 'fault.healed':
      return `${at}  ✓ fault ${e.fault} healed`;
    case 'fault.action':
      return `${at}  ⚡ ${e.fault} done: ${e.kind} on ${e.targets.map(targetText).join(', ')}`;
    case 'fault.failed':
      return `${at}  ! fault ${e.fault} (${e.kind}) failed to ${e.step === 'act' ? 'run' : e.step}: ${e.error}`;
    case 'sync':
      return e.step === 'end'
        ? `${at}  ${e.component} pass ${e.pass} ${e.ok ? `copied ${e.files ?? 0} files` : `cut short: ${e.error ?? 'failed'}`} in ${((e.ms ?? 0) / 1000).toFixed(2)} s`
        : null;
    case 'op.complete': {
      const took = invokedAt.has(e.op) ? ` in ${((e.t - invokedAt.get(e.op)!) / 1000).toFixed(2)} s` : '';
      const detail = e.outcome === 'ok' ? '' : ` ${e.status ? `HTTP ${e.status} ` : ''}${e.error ?? ''}`;
      return `${at}  op ${e.op} ${e.kind} ${e.outcome}${took}${detail}`.trimEnd();
    }
    default:
      return null;
  }
}

/** Follows a live event stream and prints timeline lines. */
export function timelinePrinter(write: (line: string) => void): (e: LabEvent) => void {
  const invokedAt = new Map<number, number>();
  return (e) => {
    if (e.type === 'op.invoke') invokedAt.set(e.op, e.t);
    const line = timelineLine(e, invokedAt);
    if (line) write(line);
  };
}

const mark = (v: boolean | 'unknown') => (v === true ? '✓' : v === false ? '✗' : '?');

export function verdictLines(v: Verdict): string[] {
  const lines = [`verdict: ${v.verdict} (expected: ${v.expected})`, ...(v.reason ? [`  because ${v.reason}`] : [])];
  const all = Object.entries(v.checks);
  for (const [name, c] of [...all.filter(([, c]) => c.kind === 'symptom'), ...all.filter(([, c]) => c.kind === 'invariant')]) {
    lines.push(`  ${mark(c.valid)} ${c.kind === 'symptom' ? 'symptom ' : ''}${name}`);
    for (const ev of c.evidence.slice(0, 4)) lines.push(`      ${ev}`);
    if (c.evidence.length > 4) lines.push(`      … ${c.evidence.length - 4} more`);
  }
  for (const c of v.crashes) lines.push(`  ! ${c}`);
  return lines;
}

/** The shape of every `--json` verdict (lab scenario, lab analyze); the schema names its version. */
const VERDICT_SCHEMA = 'registry-lab/verdict/1';

export function verdictJson(run: { id: string; dir: string }, seed: number, v: Verdict, torn: { line: number } | null = null) {
  return { schema: VERDICT_SCHEMA, run: run.id, dir: run.dir, seed, torn, ...v };
}
