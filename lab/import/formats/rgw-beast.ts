// radosgw's log: its beast frontend's access lines (`beast: 0x…: CLIENT - USER [time] "PUT /bucket/key HTTP/1.1"
// 200 0 - "agent" - latency=0.004s`), and its other lines (`TIME THREAD LEVEL message`) as log lines.
import { BEAST } from '../../products/ceph/log.ts';
import { clfTime, defineFormat } from '../format.ts';

const DEBUG = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?[+-]\d{2}:?\d{2}|\S+ \S+) \S+\s+(-?\d+) /;

export default defineFormat({
  name: 'rgw-beast',
  about: "radosgw's log: beast access lines, and its other lines as log lines",
  product: 'ceph',
  component: 'object-store',
  identifiers: ['radosgw', 'ceph-radosgw'],
  detect: (line) => BEAST.test(line),
  parse(line, o) {
    const lane = { component: 'object-store', product: 'ceph', ...(o.host && { host: o.host }) };
    const b = BEAST.exec(line);
    if (b) {
      const at = clfTime(b[1]!);
      if (Number.isNaN(at)) return undefined;
      const bytes = b[5] === '-' ? undefined : Number(b[5]);
      return {
        at,
        fact: {
          type: 'access',
          ...lane,
          method: b[2]!,
          path: b[3]!,
          status: Number(b[4]),
          durationMs: Math.round(Number(b[6]) * 1000),
          ...(bytes !== undefined && { bytesOut: bytes }),
        },
      };
    }
    const d = DEBUG.exec(line);
    if (!d) return undefined;
    const at = Date.parse(d[1]!.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isNaN(at)) return undefined;
    const level = Number(d[2]);
    return { at, fact: { type: 'component.log', ...lane, level: level < 0 ? 'error' : level === 0 ? 'warn' : 'info', line } };
  },
});
