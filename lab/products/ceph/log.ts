// radosgw's "beast:" access lines (logged at debug rgw = 1) → access events.
// e.g. `… 1 beast: 0x7f…: 127.0.0.1 - registry [22/Nov/2026:05:57:10.924 +0000] "PUT /bucket/key HTTP/1.1" 200 0 - "aws-sdk-go/…" - latency=0.004s`
import type { NewEvent } from '../../core/events/schema.ts';

/** groups: time, method, path, status, bytes sent, latency in seconds (lab import reads production lines with it) */
export const BEAST = /beast: \S+ \S+ - \S+ \[([^\]]*)\] "(\S+) (\S+)(?: [^"]*)?" (\d{3}) (\d+|-) .*?latency=([\d.]+)s/;

export function radosgwLine(line: string, component: string): NewEvent[] {
  const m = BEAST.exec(line);
  if (m) return [{ type: 'access', component, product: 'ceph', method: m[2]!, path: m[3]!, status: Number(m[4]), durationMs: Math.round(Number(m[6]) * 1000) }];
  return [];
}
