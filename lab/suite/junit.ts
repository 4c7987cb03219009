// A suite's outcomes as a JUnit XML report (the shape CI systems and junit2html read): one <testsuite> per
// scenario, one <testcase> per variant and combination; a testcase that did not meet its expectations is a
// <failure>, an unknown, interrupted or errored one an <error>, one that cannot apply <skipped>. The message is
// the verdict's reason, the body every check's evidence, and the run's directory is its system-out.
import type { Verdict } from '../core/run-files.ts';
import type { Outcome } from './suite.ts';

const xmlText = (s: string) =>
  // characters XML 1.0 cannot hold at all go; the five that mean something are escaped
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what XML cannot hold
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`)
    .join('');

/** Every check of a verdict with what it says, the decisive first. */
export function evidenceLines(v: Verdict): string[] {
  return Object.entries(v.checks).map(
    ([name, c]) => `${name} (${c.kind}): ${c.valid === true ? 'yes' : c.valid === false ? 'no' : 'unknown'}: ${c.evidence.join('; ')}`,
  );
}

function testcase(o: Outcome): string {
  const t = o.testcase;
  const name = [t.variant ?? 'default', t.combination].filter(Boolean).join(' on ');
  const head = `    <testcase${attrs({ classname: t.scenario, name, time: o.seconds.toFixed(3) })}`;
  const inner: string[] = [];
  const message = o.verdict ? `${o.verdict.verdict}: ${o.verdict.reason}` : (o.message ?? '');
  const body = o.verdict ? evidenceLines(o.verdict).join('\n') : (o.message ?? '');
  if (o.status === 'failed') inner.push(`      <failure${attrs({ message, type: o.verdict?.verdict ?? 'failed' })}>${xmlText(body)}</failure>`);
  if (o.status === 'error') inner.push(`      <error${attrs({ message, type: o.verdict?.verdict ?? 'error' })}>${xmlText(body)}</error>`);
  if (o.status === 'skipped') inner.push(`      <skipped${attrs({ message: `cannot apply: ${o.message ?? ''}` })}/>`);
  if (o.run) inner.push(`      <system-out>${xmlText(`run: ${o.run}`)}</system-out>`);
  return inner.length === 0 ? `${head}/>` : `${head}>\n${inner.join('\n')}\n    </testcase>`;
}

function counts(outcomes: readonly Outcome[]): Record<string, string | number> {
  const n = (s: Outcome['status']) => outcomes.filter((o) => o.status === s).length;
  const time = outcomes.reduce((sum, o) => sum + o.seconds, 0);
  return { tests: outcomes.length, failures: n('failed'), errors: n('error'), skipped: n('skipped'), time: time.toFixed(3) };
}

export function junitXml(outcomes: readonly Outcome[], timestamp = new Date()): string {
  const suites = [...new Set(outcomes.map((o) => o.testcase.scenario))].map((scenario) => {
    const mine = outcomes.filter((o) => o.testcase.scenario === scenario);
    const stamp = timestamp.toISOString().slice(0, 19);
    return `  <testsuite${attrs({ name: scenario, ...counts(mine), timestamp: stamp })}>\n${mine.map(testcase).join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'lab suite', ...counts(outcomes) })}>\n${suites.join('\n')}\n</testsuites>\n`;
}
