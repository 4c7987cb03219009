// REPORT.md of a bundle, in the shape of Distribution's bug template: description, how to reproduce, expected
// and actual behaviour, versions of everything, the evidence chain with the log lines each link rests on, and
// the lab's verdict. A pure function of the run's files and events.
import type { LabEvent } from '../core/events/schema.ts';
import type { RunJson, Verdict } from '../core/run-files.ts';

/** A workload step or a fault as one readable line: `push: {images: 3, layers: [small, 1MiB]}`. */
export function stepLine(step: unknown): string {
  const plain = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(plain).join(', ')}]`
      : v && typeof v === 'object'
        ? `{${Object.entries(v)
            .map(([k, x]) => `${k}: ${plain(x)}`)
            .join(', ')}}`
        : String(v);
  if (step && typeof step === 'object' && !Array.isArray(step) && Object.keys(step).length === 1) {
    const [k, v] = Object.entries(step)[0]!;
    return `${k}: ${plain(v)}`;
  }
  return plain(step);
}

/** An event as a log excerpt line. */
export function eventLine(e: LabEvent): string {
  const at = `${(e.t / 1000).toFixed(3)}s`;
  switch (e.type) {
    case 'access':
      return `${at} ${e.component} (${e.product}) ${e.method} ${e.path} → ${e.status}${e.flags ? ` ${e.flags}` : ''}`;
    case 'component.log':
      return `${at} ${e.component} (${e.product}) ${e.level}: ${e.line}`;
    case 'op.complete':
      return `${at} op ${e.op} ${e.kind} ${e.outcome}${e.status ? ` HTTP ${e.status}` : ''}${e.error ? ` ${e.error}` : ''}`;
    default: {
      const { seq: _, t: __, type, ...rest } = e as LabEvent & Record<string, unknown>;
      return `${at} ${type} ${JSON.stringify(rest)}`;
    }
  }
}

export interface ReportInput {
  run: RunJson;
  verdict: Verdict;
  events: readonly LabEvent[];
  /** the run's timeline, one line per step a person follows */
  timeline: readonly string[];
  /** the command that ran it again here */
  rerun: string;
  /** why the bundle has no repro.sh (undefined: it has one) */
  noRepro?: string;
}

const mark = (v: boolean | 'unknown') => (v === true ? 'yes' : v === false ? 'no' : 'unknown');

export function reportMarkdown({ run, verdict, events, timeline, rerun, noRepro }: ReportInput): string {
  const d = run.definition as RunJson['definition'] & { symptom?: string; source?: string; workload?: unknown[]; faults?: Record<string, unknown> };
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  const roles = Object.entries(run.products).map(([role, product]) => {
    const image = run.images?.[role];
    return `| ${role} | ${product} | ${run.versions[product] ?? 'unknown'} | ${image ?? 'a native program'} |`;
  });
  const links = Object.entries(run.links).map(([name, l]) => `${name} (${l.from} → ${l.to})`);
  const chain = Object.entries(verdict.checks).flatMap(([name, c]) => {
    const logged = (c.seqs ?? []).slice(0, 10).flatMap((s) => (bySeq.has(s) ? [`    ${eventLine(bySeq.get(s)!)}`] : []));
    return [
      `- **${name}** (${c.kind}): ${mark(c.valid)}`,
      ...c.evidence.slice(0, 8).map((e) => `  - ${e}`),
      ...(logged.length ? ['  ```', ...logged, '  ```'] : []),
    ];
  });
  const { reproduced, violated, holds } = d.expect;
  return [
    `# ${d.symptom ?? run.scenario}`,
    '',
    '## Description',
    '',
    `${d.symptom ?? run.scenario}. Reproduced with the scenario \`${run.scenario}\`${run.variant ? ` (variant \`${run.variant}\`)` : ''} of registry-lab${d.source ? `, from ${d.source}` : ''}: verdict **${verdict.verdict}**.`,
    '',
    '## Reproduce',
    '',
    `1. Start the stack (${run.runtime === 'container' ? 'each program in its own container' : 'each program natively'}, every listener on 127.0.0.1):`,
    '',
    '   | role | product | version | runs as |',
    '   |---|---|---|---|',
    ...roles.map((r) => `   ${r}`),
    ...(links.length ? ['', `   Links through Toxiproxy: ${links.join('; ')}.`] : []),
    `2. Run the workload, in order (images generated from seed ${run.seed}):`,
    ...(d.workload ?? []).map((s) => `   - ${stepLine(s)}`),
    ...(d.faults && Object.keys(d.faults).length
      ? ['3. The faults the workload applies and heals:', ...Object.entries(d.faults).map(([n, f]) => `   - ${n}: ${stepLine(f)}`)]
      : []),
    '',
    noRepro
      ? `Without the lab: not scripted (${noRepro}).`
      : 'Without the lab: `./repro.sh` (bash, curl, docker and a compose) brings `compose.yaml` up with upstream images, replays these ops and faults (the faults through Toxiproxy’s HTTP API), checks that the run ends as this one did, prints the evidence and brings everything down: exit 0 when it reproduced. `./repro.sh --local` runs the images the lab built (`local.env`). The pushed images are the OCI layout in `images/`.',
    '',
    `Again with the lab: \`${rerun}\`.`,
    '',
    '## Expected behaviour',
    '',
    ...[...holds.map((n) => `- ${n} holds`), ...(reproduced.length || violated.length ? ['- none of the symptoms below happens'] : [])],
    '',
    '## Actual behaviour',
    '',
    `${verdict.verdict}: ${verdict.reason ?? ''}`.trim(),
    '',
    ...(reproduced.length ? [`Symptoms expected and looked for: ${reproduced.join(', ')}.`, ''] : []),
    ...(violated.length ? [`Invariants expected to break: ${violated.join(', ')}.`, ''] : []),
    '## Versions',
    '',
    ...Object.entries(run.versions).map(([p, v]) => `- ${p}: ${v}`),
    '',
    '## Evidence',
    '',
    ...chain,
    ...(verdict.crashes.length ? ['', 'Crashes:', ...verdict.crashes.map((c) => `- ${c}`)] : []),
    '',
    '## Timeline',
    '',
    '```',
    ...timeline,
    '```',
    '',
    '## Verdict of the lab',
    '',
    `${verdict.verdict} (expected: ${verdict.expected}), exit code ${verdict.exitCode}; seed ${run.seed}. The whole event log is \`events.ndjson\`; \`replay.txt\` is \`lab replay --plain\` of it.`,
    '',
  ].join('\n');
}
