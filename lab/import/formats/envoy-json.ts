// envoy's access log as a JSON format dictionary: the keys are the operator's choice, so each field is looked for
// under the names people give it (the command operator's own name in lower case first).
import { defineFormat, jsonObject, num } from '../format.ts';
import { envoyFact } from './envoy.ts';

const KEYS = {
  time: ['start_time', 'timestamp', '@timestamp', 'time'],
  method: ['method', 'request_method', ':method'],
  path: ['path', 'request_path', 'x-envoy-original-path', 'uri'],
  status: ['response_code', 'status', 'code'],
  flags: ['response_flags', 'flags'],
  bytesIn: ['bytes_received'],
  bytesOut: ['bytes_sent'],
  duration: ['duration', 'duration_ms', 'ms'],
  upstream: ['upstream_host', 'upstream_cluster', 'cluster'],
} as const;

const field = (j: Record<string, unknown>, names: readonly string[]) => names.map((n) => j[n]).find((v) => v !== undefined && v !== null);

export default defineFormat({
  name: 'envoy-json',
  about: "envoy's access log as a JSON format dictionary (response_code, response_flags, … or the lab's own keys)",
  product: 'envoy',
  component: 's3-front',
  identifiers: ['envoy'],
  detect(line) {
    const j = jsonObject(line);
    return j !== undefined && field(j, KEYS.flags) !== undefined && field(j, KEYS.status) !== undefined && field(j, KEYS.method) !== undefined;
  },
  parse(line, o) {
    const j = jsonObject(line);
    if (!j) return undefined;
    const method = field(j, KEYS.method);
    const status = num(field(j, KEYS.status));
    const time = field(j, KEYS.time);
    const at = typeof time === 'number' ? time : Date.parse(String(time));
    if (typeof method !== 'string' || status === undefined || Number.isNaN(at)) return undefined;
    const upstream = field(j, KEYS.upstream);
    return {
      at,
      fact: envoyFact(o, {
        method,
        path: String(field(j, KEYS.path) ?? '-'),
        status,
        flags: String(field(j, KEYS.flags) ?? '-'),
        bytesIn: num(field(j, KEYS.bytesIn)),
        bytesOut: num(field(j, KEYS.bytesOut)),
        durationMs: num(field(j, KEYS.duration)),
        upstream: upstream === undefined ? undefined : String(upstream),
      }),
    };
  },
});
