// The append-only event log: runs/<id>/events.ndjson, one JSON event per line.
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { eventSchema, type LabEvent, type NewEvent } from './schema.ts';
import { upcast } from './upcast.ts';

export class EventLogError extends Error {
  override name = 'EventLogError';
}

/** Writes events in order. Each append is one write(2) of one whole line, so a crash can tear at most the last line. */
export class EventLog {
  private fd: number | null;
  private seq = 0;
  private readonly start = performance.now();
  private readonly listeners = new Set<(e: LabEvent) => void>();
  private pending: string[] = [];

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

  /** Writes an event that has its own seq, time and clock (imported lines), buffered: flush or close writes it. */
  write(event: LabEvent): void {
    this.pending.push(JSON.stringify(event));
    if (this.pending.length >= 10_000) this.writePending();
  }

  private writePending(): void {
    if (this.fd !== null && this.pending.length) writeSync(this.fd, this.pending.join('\n') + '\n');
    this.pending = [];
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
