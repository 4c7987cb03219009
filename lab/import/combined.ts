// The common and combined log formats (`… [time] "METHOD PATH PROTO" STATUS BYTES "referer" "agent"`), which
// nginx writes by default and Distribution's HTTP handler writes for every request.
import { clfTime, num } from './format.ts';

const COMBINED = /^(\S+) \S+ (\S+) \[([^\]]+)\] "(\S+) (\S+)(?: [^"]*)?" (\d{3}) (\d+|-)(?: "([^"]*)" "([^"]*)")?/;

export interface CombinedLine {
  at: number;
  client: string;
  method: string;
  path: string;
  status: number;
  bytesOut?: number;
  agent?: string;
}

export function combinedLine(line: string): CombinedLine | undefined {
  const m = COMBINED.exec(line);
  if (!m) return undefined;
  const at = clfTime(m[3]!);
  if (Number.isNaN(at)) return undefined;
  return { at, client: m[1]!, method: m[4]!, path: m[5]!, status: Number(m[6]), bytesOut: num(m[7]), agent: m[9] };
}
