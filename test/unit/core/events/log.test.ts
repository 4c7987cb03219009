import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventLog, EventLogError, readEvents } from '../../../../lab/core/events/log.ts';
import type { LabEvent } from '../../../../lab/core/events/schema.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lab-events-'));
  file = join(dir, 'events.ndjson');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeFive(): LabEvent[] {
  const log = new EventLog(file);
  const written = [
    log.append({ type: 'run.started', runId: 'r1', scenario: 'stream-idle-504', seed: 7, mode: 'scenario' }),
    log.append({ type: 'phase', name: 'workload' }),
    log.append({ type: 'op.invoke', op: 0, kind: 'push', args: { repo: 'a', tag: 'v1' } }),
    log.append({ type: 'op.complete', op: 0, kind: 'push', outcome: 'ok', value: { digest: 'sha256:aa' } }),
    log.append({ type: 'run.finished', outcome: 'done' }),
  ];
  log.close();
  return written;
}

/** Replaces line n (1-based) of the log file. */
function replaceLine(n: number, text: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines[n - 1] = text;
  writeFileSync(file, lines.join('\n'));
}

describe('EventLog and readEvents', () => {
  it('reads back exactly what was written, with seq 0..n-1 and monotonic t', () => {
    const written = writeFive();
    const { events, torn } = readEvents(file);
    expect(torn).toBeNull();
    expect(events).toEqual(written);
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    for (let i = 1; i < events.length; i++) expect(events[i]!.t).toBeGreaterThanOrEqual(events[i - 1]!.t);
    expect(Number.isNaN(Date.parse(events[0]!.at))).toBe(false);
  });

  it('reports a torn last line with its line number and returns every complete event', () => {
    writeFive();
    appendFileSync(file, '{"seq":5,"t":12.5,"at":"2026-');
    const { events, torn } = readEvents(file);
    expect(events.map((e) => e.type)).toEqual(['run.started', 'phase', 'op.invoke', 'op.complete', 'run.finished']);
    expect(torn).toEqual({ line: 6, text: '{"seq":5,"t":12.5,"at":"2026-' });
  });

  it('throws on a corrupt middle line, naming the file and line', () => {
    writeFive();
    replaceLine(3, '{"seq":2,"t":1');
    expect(() => readEvents(file)).toThrow(EventLogError);
    expect(() => readEvents(file)).toThrow(`${file}:3: not JSON`);
  });

  it('throws on a line that is JSON but not an event object, naming the line', () => {
    writeFive();
    replaceLine(2, 'null');
    expect(() => readEvents(file)).toThrow(`${file}:2: not an event object`);
  });

  it('throws on a badly shaped event, naming the line and the field path', () => {
    writeFive();
    replaceLine(
      2,
      JSON.stringify({ seq: 1, t: 1, at: 'x', type: 'component.starting', component: 'registry', product: 'distribution', pid: 1, argv: ['ok', 5] }),
    );
    expect(() => readEvents(file)).toThrow(/events\.ndjson:2: argv\.1: /);
  });

  it('throws on an unknown event type at the field "type"', () => {
    writeFive();
    replaceLine(4, JSON.stringify({ seq: 3, t: 1, at: 'x', type: 'op.finished', op: 0 }));
    expect(() => readEvents(file)).toThrow(/events\.ndjson:4: type: /);
  });

  it('names a missing file', () => {
    expect(() => readEvents(join(dir, 'none.ndjson'))).toThrow(/none\.ndjson: no such file/);
  });

  it('hands each appended event to subscribers until they unsubscribe', () => {
    const log = new EventLog(file);
    const seen: LabEvent[] = [];
    const off = log.subscribe((e) => seen.push(e));
    const first = log.append({ type: 'phase', name: 'one' });
    log.append({ type: 'phase', name: 'two' });
    off();
    log.append({ type: 'phase', name: 'three' });
    log.close();
    expect(seen.map((e) => (e.type === 'phase' ? e.name : e.type))).toEqual(['one', 'two']);
    expect(seen[0]).toBe(first);
    expect(readEvents(file).events).toHaveLength(3);
  });

  it("writes imported lines as given, their seq and t in front, and says each one's bytes", () => {
    const log = new EventLog(file);
    const text = (at: string, line: string) =>
      `"at":"${at}","type":"component.log","component":"registry","product":"distribution","level":"warn","line":"${line}"}`;
    const bodies = [text('2026-02-11T11:20:01.000Z', 'été'), text('2026-02-11T11:20:01.250Z', 'x'.repeat(5 << 20)), text('2026-02-11T13:00:00.000Z', 'z')];
    const body = Buffer.from(bodies.join(''));
    const ends = bodies.map((_, i) => Buffer.byteLength(bodies.slice(0, i + 1).join('')));
    const sizes = [
      [0, 0],
      [1, 250.5],
      [12_345_678, 6_000_000],
    ].map(([seq, t], i) => log.writeLine(seq!, t!, body, i > 0 ? ends[i - 1]! : 0, ends[i]!));
    log.close();
    const written = readFileSync(file);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(written.length);
    const events = readEvents(file).events;
    expect(events.map((e) => [e.seq, e.t, e.at])).toEqual([
      [0, 0, '2026-02-11T11:20:01.000Z'],
      [1, 250.5, '2026-02-11T11:20:01.250Z'],
      [12_345_678, 6_000_000, '2026-02-11T13:00:00.000Z'],
    ]);
    expect(events.map((e) => (e.type === 'component.log' ? e.line.length : 0))).toEqual([3, 5 << 20, 1]);
  });
});
