// The append-only event log: runs/<id>/events.ndjson, one JSON event per line.
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { eventSchema, type LabEvent, type NewEvent } from './schema.ts';
import { upcast } from './upcast.ts';

const SEQ = Buffer.from('{"seq":');
const T = Buffer.from(',"t":');

export class EventLogError extends Error {
  override name = 'EventLogError';
}

/** Writes events in order. Each append is one write(2) of one whole line, so a crash can tear at most the last line. */
export class EventLog {
  private fd: number | null;
  private seq = 0;
  private readonly start = performance.now();
  private readonly listeners = new Set<(e: LabEvent) => void>();
  /** lines written by writeLine, not yet on the file */
  private pending = Buffer.alloc(0);
  private used = 0;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'a');
  }

  /** ms since the log was opened (the run's clock) */
  now(): number {
    return Math.round((performance.now() - this.start) * 10) / 10;
  }

  append(event: NewEvent): LabEvent {
    const full = { seq: this.seq++, t: this.now(), at: new Date().toISOString(), ...event } as LabEvent;
    if (this.fd !== null) writeSync(this.fd, JSON.stringify(full) + '\n');
    for (const l of this.listeners) l(full);
    return full;
  }

  /** Writes an event serialized already but for its seq and t, with its own clock (an imported line): its seq and
   * t (ms, to a tenth), then bytes [from, to) of `body`, its text from "at" on. Buffered: flush or close writes it.
   * Returns the line's bytes, its newline's included. Written byte by byte: an import writes millions. */
  writeLine(seq: number, t: number, body: Buffer, from: number, to: number): number {
    const room = to - from + 64; // the most a line of this body takes
    if (this.used + room > this.pending.length) {
      this.writePending();
      if (room > this.pending.length) this.pending = Buffer.allocUnsafe(Math.max(1 << 22, room));
    }
    const start = this.used;
    const tenths = Math.round(t * 10);
    this.ascii(SEQ);
    this.digits(seq);
    this.ascii(T);
    this.digits(Math.floor(tenths / 10));
    if (tenths % 10) {
      this.pending[this.used++] = 0x2e;
      this.pending[this.used++] = 0x30 + (tenths % 10);
    }
    this.pending[this.used++] = 0x2c;
    this.used += body.copy(this.pending, this.used, from, to);
    this.pending[this.used++] = 0x0a;
    return this.used - start;
  }

  private ascii(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) this.pending[this.used++] = bytes[i]!;
  }

  /** A non-negative integer's digits. */
  private digits(n: number): void {
    if (n >= 10) this.digits(Math.floor(n / 10));
    this.pending[this.used++] = 0x30 + (n % 10);
  }

  private writePending(): void {
    this.writeBytes(this.pending.subarray(0, this.used));
    this.used = 0;
  }

  private writeBytes(bytes: Buffer): void {
    for (let at = 0; this.fd !== null && at < bytes.length; ) at += writeSync(this.fd, bytes, at);
  }

  subscribe(listener: (e: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A checkpoint: the lines so far reach the disk. */
  flush(): void {
    this.writePending();
    if (this.fd !== null) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === null) return;
    this.flush();
    closeSync(this.fd);
    this.fd = null;
  }
}

export interface ReadResult {
  events: LabEvent[];
  /** the unterminated last line a crash left behind, if any */
  torn: { line: number; text: string } | null;
}

/** Reads every complete line; a torn last line is reported, not fatal. A bad complete line is corruption and throws. */
export function parseEvents(text: string, file = 'events.ndjson'): ReadResult {
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const events: LabEvent[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new EventLogError(`${file}:${i + 1}: not JSON`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new EventLogError(`${file}:${i + 1}: not an event object`);
    const parsed = eventSchema.safeParse(upcast(raw as Record<string, unknown>));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EventLogError(`${file}:${i + 1}: ${issue?.path.join('.') || 'event'}: ${issue?.message}`);
    }
    events.push(parsed.data);
  });
  return { events, torn: last === '' ? null : { line: lines.length + 1, text: last } };
}

export function readEvents(file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new EventLogError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return parseEvents(text, file);
}
