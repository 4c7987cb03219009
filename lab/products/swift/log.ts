// Swift's request log lines (servers run with -v, logging to stderr) → access events.
// proxy:   `proxy-server: 127.0.0.1 127.0.0.1 22/Nov/2026/07/52/10 PUT /v1/AUTH_test/registry/x HTTP/1.0 201 - …`
// storage: `object-o1: 127.0.0.1 - - [22/Nov/2026:07:52:10 +0000] "PUT /o1/234/AUTH_test/registry/x" 201 - … 0.0034 …`
import type { NewEvent } from '../../core/events/schema.ts';

const PROXY = /^proxy-server: \S+ \S+ \S+ ([A-Z]+) (\S+) HTTP\/1\.\d (\d{3}) /;
const STORAGE = /^(\w+)-(\w+): \S+ - - \[[^\]]+\] "([A-Z]+) (\/\S*)" (\d{3}) /;

export function swiftLine(line: string, component: string): NewEvent[] {
  const p = PROXY.exec(line);
  if (p) return [{ type: 'access', component, product: 'swift', method: p[1]!, path: decodeURIComponent(p[2]!), status: Number(p[3]), upstream: 'proxy' }];
  const s = STORAGE.exec(line);
  if (s) return [{ type: 'access', component, product: 'swift', method: s[3]!, path: s[4]!, status: Number(s[5]), upstream: s[2]! }];
  return [];
}
