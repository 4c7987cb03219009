// A run's events.ndjson opened for replay: one pass finds each line and reads its t and type from the text,
// only the events a timeline needs are parsed up front, the rest when shown. A million events open in about
// a second and stay compact in memory. Lines are as EventLog writes them: {"seq":…,"t":…,"at":"…","type":"…",…}.
import { readFileSync } from 'node:fs';
import { EventLogError } from './log.ts';
import { eventSchema, type LabEvent } from './schema.ts';
import { FILTER_FIELDS, matches, TIMELINE_TYPES, type EventSource } from './source.ts';
import { upcast } from './upcast.ts';

const T = Buffer.from('"t":');
const TYPE = Buffer.from('"type":"');
const HOST = Buffer.from('"host":"');
const NL = 0x0a;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** The first two letters of the types a timeline does not need (access, http, provision): no timeline type
 * starts with them, so two bytes tell a line's kind without making a string. */
const SKIP = (() => {
  const all = eventSchema.options.map((o) => o.shape.type.value);
  const skip = all.filter((t) => !TIMELINE_TYPES.has(t)).map((t) => t.slice(0, 2));
  const clash = all.find((t) => TIMELINE_TYPES.has(t) && skip.includes(t.slice(0, 2)));
  if (clash) throw new Error(`event type ${clash} starts like a type the replay skips`);
  return skip.map((two) => [two.charCodeAt(0), two.charCodeAt(1)] as const);
})();

export class IndexedFile implements EventSource {
  readonly length: number;
  /** a torn last line, if the run crashed mid-write */
  readonly torn: boolean;
  private readonly starts: Float64Array;
  private readonly times: Float64Array;
  private readonly overview: LabEvent[] = [];

  constructor(
    readonly file: string,
    private readonly buf: Buffer = readFileSync(file),
  ) {
    let cap = Math.max(16, Math.ceil(buf.length / 120));
    let starts: Float64Array = new Float64Array(cap);
    let times: Float64Array = new Float64Array(cap);
    let n = 0;
    let pos = 0;
    let torn = false;
    while (pos < buf.length) {
      const nl = buf.indexOf(NL, pos);
      if (nl < 0) {
        torn = true;
        break;
      }
      if (nl > pos) {
        if (n === cap) {
          cap *= 2;
          starts = grow(starts, cap);
          times = grow(times, cap);
        }
        starts[n] = pos;
        const tEnd = this.readT(pos, nl, n, times);
        if (this.onTimeline(pos, nl, tEnd)) this.overview.push(this.parse(pos, nl, n));
        n++;
      }
      pos = nl + 1;
    }
    this.length = n;
    this.torn = torn;
    if (n === cap) starts = grow(starts, cap + 1);
    this.starts = starts.subarray(0, n + 1);
    this.starts[n] = pos; // the end of the last line + 1
    this.times = times.subarray(0, n);
  }

  /** Where "t": is: right after {"seq":N, as EventLog writes it, else wherever it is. */
  private findT(start: number, end: number, line: number): number {
    const buf = this.buf;
    let i = start + 7; // {"seq":
    while (i < end && buf[i] !== 0x2c) i++;
    if (buf[i + 1] === 0x22 && buf[i + 2] === 0x74 && buf[i + 3] === 0x22 && buf[i + 4] === 0x3a) return i + 1;
    const at = buf.indexOf(T, start);
    if (at < 0 || at > end) throw new EventLogError(`${this.file}:${line + 1}: no "t"`);
    return at;
  }

  /** Reads the number after "t": from the bytes into times[line]; returns where the number ends. */
  private readT(start: number, end: number, line: number, times: Float64Array): number {
    const buf = this.buf;
    let value = 0;
    let scale = 0;
    let i = this.findT(start, end, line) + T.length;
    for (; i < end; i++) {
      const c = buf[i]!;
      if (c === DOT) scale = 1;
      else if (c >= ZERO && c <= NINE) {
        value = value * 10 + (c - ZERO);
        if (scale) scale *= 10;
      } else break;
    }
    times[line] = scale ? value / scale : value;
    return i;
  }

  /** Whether the line's type is one a timeline needs. "type": is 33 bytes after t (`,"at":"<24 chars>",`). */
  private onTimeline(start: number, end: number, tEnd: number): boolean {
    let at = tEnd + 33;
    if (this.buf[at] !== 0x22 || this.buf[at + 1] !== 0x74 || this.buf[at + 7] !== 0x22) at = this.buf.indexOf(TYPE, start);
    if (at < 0 || at > end) return false;
    const c0 = this.buf[at + TYPE.length];
    const c1 = this.buf[at + TYPE.length + 1];
    if (!SKIP.some(([x, y]) => c0 === x && c1 === y)) return true;
    // an imported access line (one with a host) is what its run's lanes are made of; looked for in the line only
    return c0 === 0x61 && c1 === 0x63 && this.buf.subarray(at, end).includes(HOST);
  }

  private parse(start: number, end: number, line: number): LabEvent {
    try {
      return upcast(JSON.parse(this.buf.toString('utf8', start, end))) as LabEvent;
    } catch {
      throw new EventLogError(`${this.file}:${line + 1}: not JSON`);
    }
  }

  t(i: number): number {
    return this.times[i]!;
  }

  event(i: number): LabEvent {
    return this.parse(this.starts[i]!, this.starts[i + 1]! - 1, i);
  }

  timelineEvents(): LabEvent[] {
    return this.overview;
  }

  /** Searches the whole file for each field's text once, then maps the hits to lines. */
  filter(term: string): Int32Array {
    const hits = new Set<number>();
    const text = JSON.stringify(term);
    const needles = FILTER_FIELDS.flatMap((f) => [`"${f}":${text}`, ...(/^\d+$/.test(term) ? [`"${f}":${term},`, `"${f}":${term}}`] : [])]).map((s) =>
      Buffer.from(s),
    );
    for (const needle of needles) {
      for (let at = this.buf.indexOf(needle); at >= 0; at = this.buf.indexOf(needle, at + 1)) hits.add(this.lineAt(at));
    }
    // free text: the lines that hold it somewhere, kept when it is inside a path, log line, error or host
    const inner = Buffer.from(text.slice(1, -1));
    for (let at = inner.length ? this.buf.indexOf(inner) : -1; at >= 0; ) {
      const line = this.lineAt(at);
      if (!hits.has(line) && matches(this.event(line), term)) hits.add(line);
      at = this.buf.indexOf(inner, this.starts[line + 1]!);
    }
    return Int32Array.from([...hits].sort((a, b) => a - b));
  }

  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function grow(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
