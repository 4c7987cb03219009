// Runs the fuzzer for `lab fuzz` and `lab rerun`, and prints what it found.
import { describeCommand } from '../ops/index.ts';
import { fuzz, type FuzzOptions } from '../fuzz/fuzz.ts';
import { interrupts } from './interrupts.ts';
import { out, shown } from './output.ts';

/** Runs it; `require`: coverage paths that must be reached (exit 2 when one was not). */
export async function runFuzz(o: Omit<FuzzOptions, 'signal' | 'progress'>, require: readonly string[] = []): Promise<number> {
  const ac = interrupts();
  out(
    `fuzz: ${o.path ? `replaying path ${o.path} of ` : `${o.runs} cases, `}seed ${o.seed}, backend ${o.backend}${o.runtime === 'container' ? ' in containers' : ''}, faults ${o.faults.join(',') || 'none'}, up to ${o.maxCommands} commands a case`,
  );
  const r = await fuzz({ ...o, signal: ac.signal, progress: out });
  out(`${r.cases} cases in ${r.seconds.total.toFixed(1)} s (${((r.cases / r.seconds.total) * 60).toFixed(0)} a minute)`);
  const reached = r.coverage.reached;
  out(
    `coverage (cases of ${r.coverage.cases}): ${Object.entries(reached)
      .map(([p, n]) => `${p} ${n}`)
      .join(', ')}`,
  );
  out(`run: ${shown(r.run.dir)}`);
  if (!r.failed) out(`no invariant was violated (verdict: ${r.verdict.verdict})`);
  else {
    out(`VIOLATION ${r.violation!.message}`);
    for (const line of r.violation!.evidence.slice(1, 4)) out(`  ${line}`);
    out(
      `found after ${r.seconds.toFind!.toFixed(1)} s, shrunk in ${r.shrinks} steps and ${r.seconds.toShrink!.toFixed(1)} s to ${r.counterexample!.length} commands:`,
    );
    for (const c of r.counterexample!) out(`  ${describeCommand(c)}`);
    out(`reproduce: lab scenario ${shown(`${r.run.dir}/reproducer.json`)}    replay the case: lab rerun ${r.run.id}`);
  }
  const missed = require.filter((p) => !reached[p]);
  if (missed.length) {
    out(`not reached: ${missed.join(', ')} (--require): the run did not test what it was asked to`);
    return 2;
  }
  return r.verdict.exitCode;
}
