// One line for any event, for the replay's detail pane and the plain timeline.
import { targetText, type LabEvent, type Target } from './schema.ts';

const on = (targets: readonly Target[]) => targets.map(targetText).join(', ');
/** the host an imported line was logged on, before its component */
const at = (e: { host?: string }) => (e.host ? `${e.host} ` : '');
const ms = (n: number | undefined) => (n === undefined ? '' : n >= 1000 ? ` ${(n / 1000).toFixed(2)}s` : ` ${Math.round(n)}ms`);

/** Always one line: newlines and tabs inside log lines become spaces. */
export function describe(e: LabEvent): string {
  return line(e).replace(/\s*[\r\n\t]+\s*/g, ' ');
}

function line(e: LabEvent): string {
  switch (e.type) {
    case 'run.started':
      return `run ${e.runId} started: ${e.scenario}${e.variant ? `/${e.variant}` : ''} seed ${e.seed} (${e.mode})`;
    case 'run.finished':
      return `run finished: ${e.outcome}`;
    case 'phase':
      return `── ${e.name}`;
    case 'provision':
      return `${e.program} ${e.action}`;
    case 'component.starting':
      return `${e.component} (${e.product}) starting, pid ${e.pid}: ${e.argv.join(' ')}`;
    case 'component.ready':
      return `${e.component} (${e.product}) ready at ${e.endpoint} in${ms(e.ms)}`;
    case 'component.exited':
      return `${e.component} (${e.product}) pid ${e.pid} exited ${e.code ?? e.signal}${e.expected ? '' : ' UNEXPECTEDLY'}`;
    case 'component.log':
      return `${at(e)}${e.component} ${e.level}: ${e.line}`;
    case 'access':
      return `${at(e)}${e.component} ${e.method} ${e.status}${e.flags && e.flags !== '-' ? ` ${e.flags}` : ''}${ms(e.durationMs)}${e.upstream ? ` via ${e.upstream}` : ''}${e.bytesIn !== undefined || e.bytesOut !== undefined ? ` received ${e.bytesIn ?? '-'} B, sent ${e.bytesOut ?? '-'} B` : ''} ${e.path}`;
    case 'http':
      return `op ${e.op} ${e.method} ${e.status ?? e.error ?? '?'}${ms(e.ms)} sent ${e.sent} B, received ${e.received} B ${e.path}`;
    case 'op.invoke':
      return `op ${e.op} ${e.kind} invoked ${JSON.stringify(e.args)}`;
    case 'op.complete':
      return `op ${e.op} ${e.kind} ${e.outcome}${e.status ? ` HTTP ${e.status}` : ''}${e.error ? ` ${e.error}` : ''}`;
    case 'fault.applied':
      return `fault ${e.fault} applied: ${e.kind} on ${on(e.targets)} ${JSON.stringify(e.detail)}`;
    case 'fault.healed':
      return `fault ${e.fault} healed on ${on(e.targets)}`;
    case 'fault.action':
      return `action ${e.fault} done: ${e.kind} on ${on(e.targets)} ${JSON.stringify(e.detail)}`;
    case 'fault.failed':
      return `fault ${e.fault} (${e.kind}) failed to ${e.step === 'act' ? 'run' : e.step} on ${on(e.targets)}: ${e.error}`;
    case 'sync':
      return e.step === 'start'
        ? `${e.component} pass ${e.pass} started`
        : `${e.component} pass ${e.pass} ${e.ok ? `completed: ${e.files ?? 0} files, ${e.bytes ?? 0} B` : `cut short: ${e.error ?? 'failed'}`}${ms(e.ms)}`;
    case 'replication':
      return `${e.component} zone ${e.zone}: ${e.caughtUp ? 'caught up' : e.behindShards !== undefined ? `behind on ${e.behindShards} shards` : `not caught up${e.error ? `: ${e.error}` : ''}`}`;
    case 'verdict':
      return `verdict: ${e.verdict} (exit ${e.exitCode})`;
    case 'fuzz.case':
      return e.step === 'start'
        ? `case ${e.case}${e.shrink ? ` (shrink ${e.shrink})` : ''} starts`
        : `case ${e.case} ${e.outcome}: ${(e.commands ?? []).join(' ')}${e.error ? ` — ${e.error}` : ''}`;
  }
}
