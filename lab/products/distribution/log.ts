// Distribution's logrus text lines: "response completed" → access events; warnings and errors → component.log.
// A line of one of several replicas keeps the role as its component and names the replica (r2) as a Swift
// server's line does: the access event's upstream, and the start of the component.log line.
import type { NewEvent } from '../../core/events/schema.ts';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '"': '"', '\\': '\\' };

/** Undoes Go's %q quoting (logrus quotes values that way): \n \t \xNN \uNNNN \UNNNNNNNN … */
export function unquoteGo(q: string): string {
  return q
    .slice(1, -1)
    .replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) =>
      e.length > 1 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? e),
    );
}

/** key=value and key="quoted value" pairs of a logfmt line */
export function logfmt(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w.]+)=("(?:[^"\\]|\\.)*"|\S*)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const v = m[2]!;
    out[m[1]!] = v.startsWith('"') ? unquoteGo(v) : v;
  }
  return out;
}

/** Go durations as logged: 1.5ms, 25.38s, 812µs, 1m2.5s */
export function goDurationMs(d: string): number {
  let ms = 0;
  for (const [, n, unit] of d.matchAll(/([\d.]+)(ns|µs|us|ms|s|m|h)/g)) {
    const f = { ns: 1e-6, µs: 1e-3, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ns'];
    ms += Number(n) * f;
  }
  return Math.round(ms * 10) / 10;
}

export function distributionLine(line: string, component: string, server?: string): NewEvent[] {
  if (!line.includes('level=')) return [];
  const f = logfmt(line);
  const events: NewEvent[] = [];
  if (f['http.response.status'] && f.msg?.startsWith('response completed')) {
    events.push({
      type: 'access',
      component,
      product: 'distribution',
      method: f['http.request.method'] ?? '?',
      path: f['http.request.uri'] ?? '?',
      status: Number(f['http.response.status'] ?? 0),
      ...(server ? { upstream: server } : {}),
      durationMs: goDurationMs(f['http.response.duration'] ?? '0s'),
    });
  }
  // 2.8 logs every 4xx (a HEAD of an unknown blob …) as "response completed with error" at level error: not news
  const status = Number(f['http.response.status'] ?? 0);
  if (status > 0 && status < 500) return events;
  if (f.level === 'error' || f.level === 'warning' || f.level === 'fatal' || f.level === 'panic') {
    const detail = [server && `${server}:`, f.msg, f['err.code'], f['err.detail'], f['http.request.method'], f['http.request.uri']].filter(Boolean).join(' ');
    events.push({ type: 'component.log', component, product: 'distribution', level: f.level === 'warning' ? 'warn' : 'error', line: detail.slice(0, 2000) });
  }
  return events;
}
