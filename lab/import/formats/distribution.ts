// Docker Distribution's logrus text lines (`time="…" level=error msg="response completed with error"
// http.request.method=PUT http.request.uri="…" http.response.status=500 …`) and the combined access lines its
// HTTP handler writes. A line with a response status is an access of the registry's lane (and a log line too when
// it is a warning or an error); any other, a log line.
import { combinedLine } from '../combined.ts';
import { defineFormat, type Fact, num, type ParseOptions, type Parsed } from '../format.ts';

const [SPACE, QUOTE, BACKSLASH] = [0x20, 0x22, 0x5c];

/** `key=value key="quoted value"` pairs (a scan, not a pattern: a registry logs millions of lines). */
function pairs(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < line.length; ) {
    while (line.charCodeAt(i) === SPACE) i++;
    const eq = line.indexOf('=', i);
    if (eq < 0) break;
    const space = line.indexOf(' ', i);
    if (space >= 0 && space < eq) {
      i = space; // a word without a value
      continue;
    }
    const key = line.slice(i, eq);
    if (line.charCodeAt(eq + 1) !== QUOTE) {
      const end = line.indexOf(' ', eq + 1);
      out[key] = line.slice(eq + 1, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
      continue;
    }
    let end = eq + 2;
    let escaped = false;
    for (; end < line.length && line.charCodeAt(end) !== QUOTE; end++) {
      if (line.charCodeAt(end) === BACKSLASH) {
        escaped = true;
        end++;
      }
    }
    const quoted = line.slice(eq + 1, end + 1);
    out[key] = escaped ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
    i = end + 1;
  }
  return out;
}

const UNIT: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 1e-3, µs: 1e-3, ns: 1e-6 };
const ONE_UNIT = /^([\d.]+)(ms|s|µs|us|ns)$/;

/** A Go duration ("1m0.5s", "12.3ms", "350µs") in milliseconds. */
export function goDurationMs(s: string): number | undefined {
  const one = ONE_UNIT.exec(s);
  if (one) return Number(one[1]) * UNIT[one[2]!]!;
  const parts = [...s.matchAll(/([\d.]+)(h|ms|m|s|us|µs|ns)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== s) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT[p[2]!]!, 0);
}

const LEVELS: Record<string, 'info' | 'warn' | 'error'> = { warning: 'warn', warn: 'warn', error: 'error', fatal: 'error', panic: 'error' };

/** A logrus entry's fields (from text or JSON) as the registry's fact. */
export function registryFact(f: Record<string, unknown>, line: string, o: ParseOptions): Parsed | undefined {
  const at = Date.parse(String(f.time ?? ''));
  if (Number.isNaN(at) || f.msg === undefined) return undefined;
  const lane = o.host ? { component: 'registry', product: 'distribution', host: o.host } : { component: 'registry', product: 'distribution' };
  const status = num(f['http.response.status']);
  const method = f['http.request.method'];
  if (status !== undefined && typeof method === 'string') {
    const fact: Fact = { type: 'access', ...lane, method, path: String(f['http.request.uri'] ?? '-'), status };
    const ms = goDurationMs(String(f['http.response.duration'] ?? ''));
    if (ms !== undefined) fact.durationMs = Math.round(ms);
    const written = num(f['http.response.written']);
    if (written !== undefined) fact.bytesOut = written;
    const level = LEVELS[String(f.level)];
    return { at, fact, ...(level && { also: { type: 'component.log', ...lane, level, line } }) };
  }
  return { at, fact: { type: 'component.log', ...lane, level: LEVELS[String(f.level)] ?? 'info', line } };
}

export default defineFormat({
  name: 'distribution',
  about: "Docker Distribution's logrus text lines (app and access) and its combined access lines",
  product: 'distribution',
  component: 'registry',
  identifiers: ['registry', 'docker-registry', 'distribution'],
  detect: (line) => /^time="[^"]+" level=\w+ /.test(line),
  parse(line, o) {
    if (line.startsWith('time=')) return registryFact(pairs(line), line, o);
    const c = combinedLine(line);
    if (!c) return undefined;
    return {
      at: c.at,
      fact: {
        type: 'access',
        component: 'registry',
        product: 'distribution',
        ...(o.host && { host: o.host }),
        method: c.method,
        path: c.path,
        status: c.status,
        bytesOut: c.bytesOut,
      },
    };
  },
});
