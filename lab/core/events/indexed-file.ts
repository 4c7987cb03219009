// A run's events.ndjson opened for replay: each line's start and t come from its index (events.idx, which lab
// import writes) or from one pass over the file in chunks, reading t and type from the text; only the events a
// timeline needs are parsed up front, the rest when shown, each read from the file on its own, so that memory
// holds two numbers a line, not the file. Lines are as EventLog writes them: {"seq":…,"t":…,"at":"…","type":"…",…}.
// The lines of imported logs (those with a host) are left to the run's lanes (lab/projections/host-lanes.ts).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { grow, readLineIndex } from './line-index.ts';
import { EventLogError } from './log.ts';
import { eventSchema, type LabEvent } from './schema.ts';
import { FILTER_FIELDS, matches, TEXT_FIELDS, TIMELINE_TYPES, type EventSource } from './source.ts';
import { upcast } from './upcast.ts';

const T = Buffer.from('"t":');
const TYPE = Buffer.from('"type":"');
const HOST = Buffer.from('"host":"');
const NL = 0x0a;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const CHUNK = 16 << 20;

/** The first two letters of the types a timeline does not need (access, http, provision): no timeline type
 * starts with them, so two bytes tell a line's kind without making a string. */
const SKIP = (() => {
  const all = eventSchema.options.map((o) => o.shape.type.value);
  const skip = all.filter((t) => !TIMELINE_TYPES.has(t)).map((t) => t.slice(0, 2));
  const clash = all.find((t) => TIMELINE_TYPES.has(t) && skip.includes(t.slice(0, 2)));
  if (clash) throw new Error(`event type ${clash} starts like a type the replay skips`);
  return skip.map((two) => [two.charCodeAt(0), two.charCodeAt(1)] as const);
})();

/** The file in chunks of whole lines: each chunk's bytes (up to its last newline) and where it starts. */
function* chunksOf(file: string, bytes: number, chunk: number): Generator<{ buf: Buffer; base: number }> {
  const fd = openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(Math.max(1, Math.min(chunk, bytes)));
    for (let base = 0; base < bytes; ) {
      let len = 0;
      for (let r = 1; r > 0 && len < buf.length; len += r) r = readSync(fd, buf, len, buf.length - len, base + len);
      const last = buf.subarray(0, len).lastIndexOf(NL);
      if (last < 0) {
        if (base + len >= bytes) return; // a torn last line
        buf = Buffer.allocUnsafe(buf.length * 2); // a line longer than a chunk
        continue;
      }
      yield { buf: buf.subarray(0, last + 1), base };
      base += last + 1;
    }
  } finally {
    closeSync(fd);
  }
}

export class IndexedFile implements EventSource {
  readonly length: number;
  /** a torn last line, if the run crashed mid-write */
  readonly torn: boolean;
  private readonly starts: Float64Array;
  private readonly times: Float64Array;
  private readonly overview: LabEvent[] = [];

  /** `chunk`: how many bytes it reads at a time */
  constructor(
    readonly file: string,
    private readonly chunk = CHUNK,
  ) {
    const bytes = statSync(file).size;
    const index = readLineIndex(file, bytes);
    if (index) {
      this.starts = index.starts;
      this.times = index.times;
      this.length = index.times.length;
      this.torn = false;
      for (const i of index.timeline) this.overview.push(this.event(i));
      return;
    }
    let cap = Math.max(16, Math.ceil(bytes / 120));
    let starts: Float64Array = new Float64Array(cap);
    let times: Float64Array = new Float64Array(cap);
    let n = 0;
    let end = 0;
    for (const { buf, base } of chunksOf(file, bytes, chunk)) {
      for (let pos = 0; pos < buf.length; ) {
        const nl = buf.indexOf(NL, pos);
        if (nl > pos) {
          if (n === cap) {
            cap *= 2;
            starts = grow(starts, cap);
            times = grow(times, cap);
          }
          starts[n] = base + pos;
          const tEnd = readT(buf, pos, nl, times, n, this.file);
          if (onTimeline(buf, pos, nl, tEnd)) this.overview.push(parse(buf, pos, nl, n, this.file));
          n++;
        }
        pos = nl + 1;
      }
      end = base + buf.length;
    }
    this.length = n;
    this.torn = end < bytes;
    if (n === cap) starts = grow(starts, cap + 1);
    this.starts = starts.subarray(0, n + 1);
    this.starts[n] = end; // the end of the last line + 1
    this.times = times.subarray(0, n);
  }

  t(i: number): number {
    return this.times[i]!;
  }

  event(i: number): LabEvent {
    const start = this.starts[i]!;
    const buf = Buffer.allocUnsafe(this.starts[i + 1]! - 1 - start);
    const fd = openSync(this.file, 'r');
    try {
      readSync(fd, buf, 0, buf.length, start);
    } finally {
      closeSync(fd);
    }
    return parse(buf, 0, buf.length, i, this.file);
  }

  timelineEvents(): LabEvent[] {
    return this.overview;
  }

  /** Searches the file, a chunk at a time, for the term's text; a line that holds it is a hit when the text is a
   * field's whole value or inside a path, log line, error or host, told from the bytes around it (an op's line,
   * whose args may hold such names, is parsed). */
  filter(term: string): Int32Array {
    const hits: number[] = [];
    const text = JSON.stringify(term);
    const needles = FILTER_FIELDS.flatMap((f) => [`"${f}":${text}`, ...(/^\d+$/.test(term) ? [`"${f}":${term},`, `"${f}":${term}}`] : [])]).map((s) =>
      Buffer.from(s),
    );
    const inner = Buffer.from(text.slice(1, -1));
    for (const { buf, base } of chunksOf(this.file, this.starts[this.length]!, this.chunk)) {
      for (let at = buf.indexOf(inner), line = 0; at >= 0 && at < buf.length; ) {
        line = this.lineAt(base + at, line);
        const [from, to] = [this.starts[line]! - base, this.starts[line + 1]! - base];
        const bytes = buf.subarray(from, to);
        const hit = bytes.includes(OP)
          ? matches(parse(buf, from, to - 1, line, this.file), term) // an op's args and value are any JSON: read it
          : this.textIn(buf, inner, from, to, at) || needles.some((n) => bytes.includes(n));
        if (hit) hits.push(line);
        at = buf.indexOf(inner, to);
      }
    }
    return Int32Array.from(hits);
  }

  /** Whether one of the places the text is at in bytes [from, to), from `at` on, is inside a path, log line … */
  private textIn(buf: Buffer, inner: Buffer, from: number, to: number, at: number): boolean {
    for (; at >= 0 && at < to; at = buf.indexOf(inner, at + 1)) if (inTextField(buf, from, at)) return true;
    return false;
  }

  /** The line that holds byte `offset`, at or after line `after` (hits come in order: looked for near it first). */
  private lineAt(offset: number, after = 0): number {
    let lo = after;
    let step = 1;
    while (lo + step < this.length && this.starts[lo + step]! <= offset) {
      lo += step;
      step *= 2;
    }
    let hi = Math.min(this.length - 1, lo + step);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

const OP = Buffer.from('"type":"op.');
const TEXT_KEYS = TEXT_FIELDS.map((f) => Buffer.from(`"${f}":`));

/** Whether the text at `at` is inside the string value of a path, log line, error or host: the quote that opens
 * its string (the nearest one before it that is not escaped) follows `"path":`, `"line":` …. */
function inTextField(buf: Buffer, from: number, at: number): boolean {
  let q = at - 1;
  for (; q >= from; q--) {
    if (buf[q] !== 0x22) continue;
    let slashes = 0;
    while (buf[q - 1 - slashes] === 0x5c) slashes++;
    if (slashes % 2 === 0) break;
  }
  return q > from && TEXT_KEYS.some((k) => q - k.length >= from && buf.subarray(q - k.length, q).equals(k));
}

/** Where "t": is: right after {"seq":N, as EventLog writes it, else wherever it is. */
function findT(buf: Buffer, start: number, end: number, line: number, file: string): number {
  let i = start + 7; // {"seq":
  while (i < end && buf[i] !== 0x2c) i++;
  if (buf[i + 1] === 0x22 && buf[i + 2] === 0x74 && buf[i + 3] === 0x22 && buf[i + 4] === 0x3a) return i + 1;
  const at = buf.indexOf(T, start);
  if (at < 0 || at > end) throw new EventLogError(`${file}:${line + 1}: no "t"`);
  return at;
}

/** Reads the number after "t": from the bytes into times[line]; returns where the number ends. */
function readT(buf: Buffer, start: number, end: number, times: Float64Array, line: number, file: string): number {
  let value = 0;
  let scale = 0;
  let i = findT(buf, start, end, line, file) + T.length;
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

/** Whether the line's type is one a timeline needs, and it is not an imported line (one with a host). "type":
 * is 33 bytes after t (`,"at":"<24 chars>",`). */
function onTimeline(buf: Buffer, start: number, end: number, tEnd: number): boolean {
  let at = tEnd + 33;
  if (buf[at] !== 0x22 || buf[at + 1] !== 0x74 || buf[at + 7] !== 0x22) at = buf.indexOf(TYPE, start);
  if (at < 0 || at > end) return false;
  const c0 = buf[at + TYPE.length];
  const c1 = buf[at + TYPE.length + 1];
  return !SKIP.some(([x, y]) => c0 === x && c1 === y) && !buf.subarray(at, end).includes(HOST);
}

function parse(buf: Buffer, start: number, end: number, line: number, file: string): LabEvent {
  try {
    return upcast(JSON.parse(buf.toString('utf8', start, end))) as LabEvent;
  } catch {
    throw new EventLogError(`${file}:${line + 1}: not JSON`);
  }
}
