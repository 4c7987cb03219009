// nginx's access log: the combined format, or the log_format given with --log-format (its variables become the
// fields: $time_local or $time_iso8601, $request or $request_method and $request_uri, $status, $request_time,
// $upstream_addr, …); and its error log, whose lines at warn and above become log lines of the lane.
import { combinedLine } from '../combined.ts';
import { clfTime, defineFormat, type Fact, num, type Parsed } from '../format.ts';

const ERROR = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}:\d{2}:\d{2}) \[(\w+)\] (.*)$/;

/** A log_format as a regex whose groups are its variables, in order. */
export function logFormatRegex(format: string): { re: RegExp; names: string[] } {
  const names: string[] = [];
  const source = format.replace(/\$(\w+)|([^$]+)/g, (_, v: string | undefined, lit: string | undefined) => {
    if (v) {
      names.push(v);
      return '(.*?)';
    }
    return lit!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return { re: new RegExp(`^${source}$`), names };
}

const compiled = new Map<string, ReturnType<typeof logFormatRegex>>();

function custom(line: string, format: string): (Omit<Parsed, 'fact'> & { fact: Omit<Extract<Fact, { type: 'access' }>, 'component' | 'product'> }) | undefined {
  if (!compiled.has(format)) compiled.set(format, logFormatRegex(format));
  const { re, names } = compiled.get(format)!;
  const m = re.exec(line);
  if (!m) return undefined;
  const v = Object.fromEntries(names.map((n, i) => [n, m[i + 1]!]));
  const [method, path] = v.request ? v.request.split(' ') : [v.request_method, v.request_uri ?? v.uri];
  const at = v.time_local ? clfTime(v.time_local) : Date.parse(v.time_iso8601 ?? '');
  const status = num(v.status);
  if (!method || !path || status === undefined || Number.isNaN(at)) return undefined;
  const seconds = num(v.request_time);
  const upstream = v.upstream_addr && v.upstream_addr !== '-' ? `${v.upstream_addr}${v.upstream_status ? ` (${v.upstream_status})` : ''}` : undefined;
  return {
    at,
    fact: {
      type: 'access',
      method,
      path,
      status,
      bytesIn: num(v.request_length),
      bytesOut: num(v.body_bytes_sent ?? v.bytes_sent),
      ...(seconds !== undefined && { durationMs: Math.round(seconds * 1000) }),
      ...(upstream && { upstream }),
    },
  };
}

export default defineFormat({
  name: 'nginx',
  about: "nginx's access log (combined, or the log_format given with --log-format) and its error log",
  product: 'nginx',
  component: 'registry-front',
  identifiers: ['nginx'],
  detect: (line) => combinedLine(line) !== undefined || ERROR.test(line),
  parse(line, o) {
    const lane = { component: 'registry-front', product: 'nginx', ...(o.host && { host: o.host }) };
    if (o.logFormat) {
      const c = custom(line, o.logFormat);
      if (c) return { at: c.at, fact: { ...c.fact, ...lane } };
    }
    const c = combinedLine(line);
    if (c) return { at: c.at, fact: { type: 'access', ...lane, method: c.method, path: c.path, status: c.status, bytesOut: c.bytesOut } };
    const e = ERROR.exec(line);
    if (!e) return undefined;
    const level = e[5] === 'warn' ? 'warn' : ['error', 'crit', 'alert', 'emerg'].includes(e[5]!) ? 'error' : 'info';
    return { at: Date.parse(`${e[1]}-${e[2]}-${e[3]}T${e[4]}Z`), fact: { type: 'component.log', ...lane, level, line } };
  },
});
