// envoy's JSON access log lines (fields of fixtures/config/envoy.ts) → access events.
import type { NewEvent } from '../../core/events/schema.ts';
import { upstreamOfLog } from '../s3-front.ts';

export function envoyAccess(line: string, component: string): NewEvent[] {
  if (!line.startsWith('{')) return [];
  try {
    const j = JSON.parse(line) as Record<string, unknown>;
    if (typeof j.method !== 'string') return [];
    return [
      {
        type: 'access',
        component,
        product: 'envoy',
        method: j.method,
        path: String(j.path),
        status: Number(j.status),
        flags: String(j.flags ?? '-'),
        upstream: j.cluster && j.cluster !== '-' ? upstreamOfLog(String(j.cluster)) : undefined,
        durationMs: Number(j.ms),
      },
    ];
  } catch {
    return [];
  }
}
