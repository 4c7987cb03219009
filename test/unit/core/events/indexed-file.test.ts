import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexedFile } from '../../../../lab/core/events/indexed-file.ts';
import { readEvents } from '../../../../lab/core/events/log.ts';
import { MemorySource } from '../../../../lab/core/events/source.ts';

const FIXTURE = resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'runs', 'stream-idle-504', 'events.ndjson');

describe('IndexedFile', () => {
  const all = readEvents(FIXTURE).events;
  const file = new IndexedFile(FIXTURE);
  const memory = new MemorySource(all);

  it('indexes every line with its t, and parses any event on demand exactly as the validating reader does', () => {
    expect(file.length).toBe(all.length);
    expect(file.torn).toBe(false);
    for (const i of [0, 1, 500, all.length - 1]) {
      expect(file.t(i)).toBe(all[i]!.t);
      expect(file.event(i)).toEqual(all[i]);
    }
  });

  it('parses up front only the events a timeline needs', () => {
    expect(file.timelineEvents()).toEqual(memory.timelineEvents());
    expect(file.timelineEvents().some((e) => e.type === 'access' || e.type === 'http')).toBe(false);
    expect(file.timelineEvents().length).toBeLessThan(all.length / 5);
  });

  it('filters by component, op kind, outcome, status and type like the in-memory source', () => {
    for (const term of ['s3-front', 'push', 'info', '504', '500', 'fault.applied', 'nothing-like-this']) {
      expect([...file.filter(term)], term).toEqual([...memory.filter(term)]);
    }
    // the four lines with status 504, and those whose path or error holds "504"
    const statuses = all.flatMap((e, i) => ((e as { status?: number }).status === 504 ? [i] : []));
    expect(statuses).toHaveLength(4);
    expect([...file.filter('504')]).toEqual(expect.arrayContaining(statuses));
    expect(file.filter('nothing-like-this').length).toBe(0);
  });

  it('filters by free text in paths, log lines and errors like the in-memory source, not in other fields', () => {
    const paths = memory.filter('/v2/');
    expect(paths.length).toBeGreaterThan(0);
    for (const term of ['/v2/', 'uploads', 'HTTP 5', 'completed with error', 'seq', '"t"']) {
      expect([...file.filter(term)], term).toEqual([...memory.filter(term)]);
    }
    // a key is not text of the event
    expect(file.filter('seq').length).toBe(0);
    for (const i of paths) {
      const e = memory.event(i) as { path?: string; line?: string; error?: string };
      expect([e.path, e.line, e.error].some((v) => v?.includes('/v2/'))).toBe(true);
    }
  });

  it('reads the same in chunks smaller than a line as in one', () => {
    const small = new IndexedFile(FIXTURE, 700);
    expect(Math.max(...all.map((e) => JSON.stringify(e).length))).toBeGreaterThan(700);
    expect(small.length).toBe(all.length);
    expect(small.timelineEvents()).toEqual(file.timelineEvents());
    for (const i of [0, 1, 500, all.length - 1]) expect(small.t(i)).toBe(all[i]!.t);
    for (const term of ['s3-front', '504', '/v2/', 'uploads']) expect([...small.filter(term)], term).toEqual([...file.filter(term)]);
  });

  it('reports a torn last line and indexes the complete ones', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'lab-idx-')), 'events.ndjson');
    appendFileSync(
      copy,
      readEvents(FIXTURE)
        .events.slice(0, 3)
        .map((e) => JSON.stringify(e) + '\n')
        .join('') + '{"seq":3,"t":4',
    );
    const torn = new IndexedFile(copy);
    expect(torn.torn).toBe(true);
    expect(torn.length).toBe(3);
    expect(torn.event(2).seq).toBe(2);
  });
});
