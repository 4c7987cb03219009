// A log file read in batches: each line understood one event's text (two for a registry's error line), in the
// file's order, the lines not understood counted, the file's findings and lanes at its end.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Batch, FileParser } from '../../../lab/import/file-parser.ts';

const envoy = (ms: number, status: number, flags: string) =>
  `[2026-02-11T11:20:0${ms}.123Z] "PUT /p/${ms} HTTP/1.1" ${status} ${flags} 0 14 60001 - "10.0.0.1" "aws-sdk-go/1.44" "id-1" "apus" "10.192.48.10:7480"`;

function file(text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'lab-parse-')), 'fe1.global_tls.log');
  writeFileSync(f, text);
  return f;
}

function all(p: FileParser, max: number): Batch[] {
  const batches: Batch[] = [];
  for (let b = p.next(max); ; b = p.next(max)) {
    batches.push(b);
    if (b.end) return batches;
  }
}

const texts = (b: Batch) => Array.from(b.ends, (end, i) => Buffer.from(b.text).toString('utf8', i > 0 ? b.ends[i - 1] : 0, end));

describe('a log file read in batches', () => {
  it("gives each line's event text after its time, in the file's order, in batches of at most the size asked", () => {
    const f = file(`${envoy(1, 200, '-')}\r\n${envoy(2, 504, 'SI')}\n\nnot a line of envoy's\n${envoy(3, 200, '-')}`);
    const batches = all(new FileParser({ file: f, format: 'envoy', host: 'fe1' }), 2);
    expect(batches.map((b) => b.at.length)).toEqual([2, 1]);
    const events = batches.flatMap(texts).map((t) => JSON.parse(`{${t}`));
    expect(events.map((e) => [e.at, e.path, e.status, e.host])).toEqual([
      ['2026-02-11T11:20:01.123Z', '/p/1', 200, 'fe1'],
      ['2026-02-11T11:20:02.123Z', '/p/2', 504, 'fe1'],
      ['2026-02-11T11:20:03.123Z', '/p/3', 200, 'fe1'],
    ]);
    expect(Array.from(batches.flatMap((b) => [...b.at]))).toEqual(events.map((e) => Date.parse(e.at)));
    const end = batches.at(-1)!.end!;
    expect(end.report).toMatchObject({ lines: 4, understood: 3, notUnderstood: ["not a line of envoy's"] });
    expect(end.seen).toEqual({ errors: { 's3-front': 1 }, flags: { 's3-front': { SI: 1 } } });
    expect([...end.lanes.keys()]).toEqual(['fe1 s3-front']);
  });

  it('reads non-ASCII text whole, and a line across its chunks', () => {
    const line = `time="2026-02-11T11:21:01.2Z" level=error msg="téléchargement → ${'x'.repeat(5 << 20)}"`;
    const [batch] = all(new FileParser({ file: file(`${line}\n`), format: 'distribution', host: 'r1' }), 10);
    const [event] = texts(batch!).map((t) => JSON.parse(`{${t}`));
    expect(event.line).toBe(line);
  });
});
