// journald's export as JSON (`journalctl -o json`, one entry per line): each message is parsed by the format of
// its SYSLOG_IDENTIFIER (radosgw, envoy, nginx, registry …), on the entry's host and at the entry's time; a
// message its format does not know, or of an identifier no format claims, is a log line of its own lane.
import { defineFormat, jsonObject, type LogFormat } from '../format.ts';

const LEVEL = (priority: unknown) => {
  const p = Number(priority);
  return p <= 3 ? 'error' : p === 4 ? 'warn' : 'info';
};

export function journald(formats: readonly LogFormat[]): LogFormat {
  const byIdentifier = new Map<string, LogFormat[]>();
  for (const f of formats) for (const id of f.identifiers ?? []) byIdentifier.set(id, [...(byIdentifier.get(id) ?? []), f]);
  return defineFormat({
    name: 'journald',
    about: `journald's JSON export (journalctl -o json); messages by SYSLOG_IDENTIFIER: ${[...byIdentifier.keys()].join(', ')}`,
    product: 'journald',
    component: 'journal',
    detect(line) {
      const j = jsonObject(line);
      return j !== undefined && j.MESSAGE !== undefined && j.__REALTIME_TIMESTAMP !== undefined;
    },
    parse(line, o) {
      const j = jsonObject(line);
      if (!j || typeof j.MESSAGE !== 'string') return undefined;
      const at = Number(j.__REALTIME_TIMESTAMP) / 1000;
      if (!Number.isFinite(at)) return undefined;
      const host = typeof j._HOSTNAME === 'string' ? j._HOSTNAME : o.host;
      const id = String(j.SYSLOG_IDENTIFIER ?? j._COMM ?? 'journal');
      const inner = byIdentifier.get(id) ?? [];
      for (const f of inner) {
        const p = f.parse(j.MESSAGE, { ...o, ...(host && { host }) });
        if (p) return { at, fact: p.fact };
      }
      const lane = inner[0] ? { component: inner[0].component, product: inner[0].product } : { component: id, product: 'journald' };
      return { at, fact: { type: 'component.log', ...lane, ...(host && { host }), level: LEVEL(j.PRIORITY), line: j.MESSAGE } };
    },
  });
}
