// radosgw's ops log (rgw_ops_log_file_path, or the ops log socket): one JSON object per request.
import { defineFormat, jsonObject, num } from '../format.ts';

export default defineFormat({
  name: 'rgw-ops',
  about: "radosgw's ops log: one JSON object per request (operation, uri, http_status, total_time …)",
  product: 'ceph',
  component: 'object-store',
  identifiers: [],
  detect(line) {
    const j = jsonObject(line);
    return j !== undefined && typeof j.operation === 'string' && j.http_status !== undefined && typeof j.uri === 'string';
  },
  parse(line, o) {
    const j = jsonObject(line);
    if (!j || typeof j.uri !== 'string') return undefined;
    const [method, path] = j.uri.split(' ');
    const status = num(j.http_status);
    const at = Date.parse(String(j.time ?? ''));
    if (!method || !path || status === undefined || Number.isNaN(at)) return undefined;
    return {
      at,
      fact: {
        type: 'access',
        component: 'object-store',
        product: 'ceph',
        ...(o.host && { host: o.host }),
        method,
        path,
        status,
        bytesIn: num(j.bytes_received),
        bytesOut: num(j.bytes_sent),
        durationMs: num(j.total_time),
      },
    };
  },
});
