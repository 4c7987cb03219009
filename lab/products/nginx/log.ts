// nginx's JSON access log lines (log_format lab in fixtures/config/nginx.ts) → access events;
// its error log lines at warn and above → component.log events.
import type { NewEvent } from '../../core/events/schema.ts';
import { upstreamOfLog } from '../s3-front.ts';

export function nginxLine(line: string, component: string): NewEvent[] {
  if (line.startsWith('{')) {
    try {
      const j = JSON.parse(line) as Record<string, string | number>;
      return [
        {
          type: 'access',
          component,
          product: 'nginx',
          method: String(j.method),
          path: String(j.path),
          status: Number(j.status),
          upstream: j.upstream ? `${upstreamOfLog(String(j.upstream))} (${j.upstreamStatus || '-'})` : undefined,
          durationMs: Math.round(Number(j.ms) * 1000),
        },
      ];
    } catch {
      return [];
    }
  }
  const m = /^\S+ \S+ \[(warn|error|crit|alert|emerg)\]/.exec(line);
  if (!m) return [];
  return [{ type: 'component.log', component, product: 'nginx', level: m[1] === 'warn' ? 'warn' : 'error', line }];
}
