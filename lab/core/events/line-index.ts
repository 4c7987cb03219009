// events.idx beside a run's events.ndjson: where each line starts, its t, and which lines a timeline needs.
// Written by what writes a whole log at once (lab import, millions of lines), so that a replay opens it without
// reading every line; valid while the log has the size it records (else the reader indexes the log itself).
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';

const MAGIC = Buffer.from('LABIDX1\n');

export interface LineIndex {
  /** where each line starts, and where the last one ends + 1 */
  starts: Float64Array;
  times: Float64Array;
  /** the lines a timeline is folded from */
  timeline: number[];
}

export const indexFileOf = (events: string) => events.replace(/\.ndjson$/, '') + '.idx';

/** Collects the lines as they are written, then writes the index once. */
export class LineIndexWriter {
  private starts: Float64Array = new Float64Array(1 << 16);
  private times: Float64Array = new Float64Array(1 << 16);
  private n = 0;
  private bytes = 0;
  private readonly timeline: number[] = [];

  /** A line of `length` bytes (its newline included) at time t. */
  add(length: number, t: number, onTimeline = false): void {
    if (this.n === this.times.length) {
      this.starts = grow(this.starts);
      this.times = grow(this.times);
    }
    if (onTimeline) this.timeline.push(this.n);
    this.starts[this.n] = this.bytes;
    this.times[this.n++] = t;
    this.bytes += length;
  }

  write(events: string): void {
    const fd = openSync(indexFileOf(events), 'w');
    try {
      const head = Float64Array.of(this.bytes, this.n, this.timeline.length);
      for (const part of [
        MAGIC,
        head,
        this.starts.subarray(0, this.n),
        Float64Array.of(this.bytes),
        this.times.subarray(0, this.n),
        Float64Array.from(this.timeline),
      ])
        writeSync(fd, new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
    } finally {
      closeSync(fd);
    }
  }
}

/** The index of a log of `bytes` bytes, or undefined when there is none or it is not this log's. */
export function readLineIndex(events: string, bytes: number): LineIndex | undefined {
  const file = indexFileOf(events);
  if (!existsSync(file)) return undefined;
  const buf = readFileSync(file);
  if (buf.length < MAGIC.length + 24 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const view = new Float64Array(
    buf.byteOffset % 8 === 0 ? buf.buffer : Uint8Array.from(buf).buffer,
    buf.byteOffset % 8 === 0 ? buf.byteOffset : 0,
    buf.length >> 3,
  );
  const [size, n, k] = [view[1]!, view[2]!, view[3]!];
  if (size !== bytes || view.length !== 4 + n + 1 + n + k) return undefined;
  return {
    starts: view.subarray(4, 4 + n + 1),
    times: view.subarray(5 + n, 5 + 2 * n),
    timeline: Array.from(view.subarray(5 + 2 * n)),
  };
}

/** A copy of `a` with room for `cap` numbers (twice its length unless told). */
export function grow(a: Float64Array, cap = a.length * 2): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
