import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexedFile } from '../../../../lab/core/events/indexed-file.ts';
import { indexFileOf, LineIndexWriter, readLineIndex } from '../../../../lab/core/events/line-index.ts';

const FIXTURE = resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'runs', 'stream-idle-504', 'events.ndjson');

/** The fixture's lines with an index written as lab import writes it: each line's bytes and t, the timeline's. */
function indexed(): { file: string; scanned: IndexedFile } {
  const file = join(mkdtempSync(join(tmpdir(), 'lab-idx-')), 'events.ndjson');
  copyFileSync(FIXTURE, file);
  const scanned = new IndexedFile(file);
  const timeline = new Set(scanned.timelineEvents().map((e) => e.seq));
  const index = new LineIndexWriter();
  for (const line of readFileSync(file, 'utf8').trimEnd().split('\n')) {
    const e = JSON.parse(line) as { seq: number; t: number };
    index.add(Buffer.byteLength(line) + 1, e.t, timeline.has(e.seq));
  }
  index.write(file);
  return { file, scanned };
}

describe("an events file's index", () => {
  it('opens the file as reading it would: each line, its t, its event, the timeline', () => {
    const { file, scanned } = indexed();
    expect(existsSync(indexFileOf(file))).toBe(true);
    expect(readLineIndex(file, readFileSync(file).length)?.times.length).toBe(scanned.length);
    const fromIndex = new IndexedFile(file);
    expect(fromIndex.length).toBe(scanned.length);
    for (const i of [0, 1, 500, scanned.length - 1]) {
      expect(fromIndex.t(i)).toBe(scanned.t(i));
      expect(fromIndex.event(i)).toEqual(scanned.event(i));
    }
    expect(fromIndex.timelineEvents()).toEqual(scanned.timelineEvents());
    expect([...fromIndex.filter('504')]).toEqual([...scanned.filter('504')]);
  });

  it('is not used for a file that is not the size it records, nor when it is missing', () => {
    const { file } = indexed();
    expect(readLineIndex(file, readFileSync(file).length + 1)).toBeUndefined();
    rmSync(indexFileOf(file));
    expect(readLineIndex(file, readFileSync(file).length)).toBeUndefined();
  });
});
