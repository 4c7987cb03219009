// A log format `lab import` reads: how to tell its lines, and the fact one line states. Each format registers
// itself by name in its own file under formats/; detection, --as and journald's identifiers come from the list.
import type { NewEvent } from '../core/events/schema.ts';

export type Fact = Extract<NewEvent, { type: 'access' | 'component.log' }>;

/** One line understood: when (ms since the epoch) and what it says. */
export interface Parsed {
  at: number;
  fact: Fact;
  /** a second fact of the same line (a registry's error line is an access and a log line) */
  also?: Fact;
}

export interface ParseOptions {
  /** the host the file was logged on, unless the line says */
  host?: string;
  /** nginx: the log_format its lines were written with */
  logFormat?: string;
}

export interface LogFormat {
  name: string;
  about: string;
  /** the product whose log it is */
  product: string;
  /** the role its lines become a lane of (the lab's names: s3-front, object-store, registry, registry-front) */
  component: string;
  /** the SYSLOG_IDENTIFIERs whose journald messages are in this format */
  identifiers?: readonly string[];
  /** whether a line looks like this format (detection over a file's first lines) */
  detect(line: string): boolean;
  /** the line's fact, or undefined when it is not a line of this format */
  parse(line: string, o: ParseOptions): Parsed | undefined;
}

export const defineFormat = (f: LogFormat): LogFormat => f;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CLF = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(\.\d+)? ([+-])(\d{2})(\d{2})$/;

/** A common log format time, `11/Feb/2026:11:20:01.123 +0000` (milliseconds optional), in ms since the epoch. */
export function clfTime(s: string): number {
  const m = CLF.exec(s);
  const month = m ? MONTHS.indexOf(m[2]!) : -1;
  if (!m || month < 0) return Number.NaN;
  const [day, hour, minute, second] = [+m[1]!, +m[4]!, +m[5]!, +m[6]!];
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return Number.NaN;
  const zone = (m[8] === '-' ? -1 : 1) * (+m[9]! * 60 + +m[10]!) * 60_000;
  return Date.UTC(+m[3]!, month, day, hour, minute, second, m[7] ? Math.round(+m[7] * 1000) : 0) - zone;
}

/** A number from a log field ("-" and empty are undefined). */
export function num(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '-' || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** The line as a JSON object, or undefined. */
export function jsonObject(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const j = JSON.parse(line) as unknown;
    return j && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
