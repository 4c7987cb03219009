// One log file read in batches of lines, each line understood made the text of its events (all but their seq
// and t, which the merge gives them), with what the file adds to the run's findings and lanes; what a worker
// (parse-pool.ts) does for each file it is given.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { hostLanes, type HostLanes } from '../projections/host-lanes.ts';
import { findings, type Seen } from './findings.ts';
import { FORMATS } from './formats/index.ts';
import type { LogFormat } from './format.ts';

export interface FilePlan {
  file: string;
  format: string;
  host: string;
  logFormat?: string;
}

export interface FileReport {
  file: string;
  format: string;
  host: string;
  lines: number;
  understood: number;
  /** the first lines not understood, for the report */
  notUnderstood: string[];
}

/** Events of a file, in its order: when each happened (ms since the epoch), and its text from `"at":` on (UTF-8,
 * event i's from ends[i - 1] to ends[i]). The last batch of a file has its end. */
export interface Batch {
  at: Float64Array<ArrayBuffer>;
  text: Uint8Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
  end?: { report: FileReport; lanes: HostLanes; seen: Seen };
}

const CHUNK = 1 << 22;
const MILLIS = Array.from({ length: 1000 }, (_, ms) => `${String(ms).padStart(3, '0')}Z`);

/** A copy of the first `used` bytes with room for `more` after them. */
function grown(buf: Buffer, used: number, more: number): Buffer<ArrayBuffer> {
  const b = Buffer.allocUnsafe(Math.max(2 * buf.length, used + more));
  buf.copy(b, 0, 0, used);
  return b;
}

export class FileParser {
  private fd: number | null;
  private readonly buf = Buffer.allocUnsafe(CHUNK);
  private readonly decoder = new StringDecoder('utf8');
  private readonly format: LogFormat;
  private text = '';
  private pos = 0;
  private readonly report: FileReport;
  private readonly lanes = hostLanes.start();
  private readonly seen = findings.start();
  private second = Number.NaN;
  private prefix = '';

  constructor(private readonly plan: FilePlan) {
    this.format = FORMATS.get(plan.format);
    this.fd = openSync(plan.file, 'r');
    this.report = { file: plan.file, format: plan.format, host: plan.host, lines: 0, understood: 0, notUnderstood: [] };
  }

  /** The next line, without its newline; undefined at the end of the file. */
  private line(): string | undefined {
    for (;;) {
      const nl = this.text.indexOf('\n', this.pos);
      if (nl >= 0) {
        const line = this.text.slice(this.pos, nl > this.pos && this.text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
        this.pos = nl + 1;
        return line;
      }
      const n = this.fd === null ? 0 : readSync(this.fd, this.buf, 0, CHUNK, null);
      const rest = this.text.slice(this.pos);
      this.pos = 0;
      if (n === 0) {
        this.close();
        this.text = '';
        const last = rest + this.decoder.end();
        return last === '' ? undefined : last;
      }
      this.text = rest + this.decoder.write(this.buf.subarray(0, n));
    }
  }

  /** Up to `max` events (a line may make two); the file's end with the last. */
  next(max = 8192): Batch {
    const at: number[] = [];
    const ends: number[] = [];
    let text = Buffer.allocUnsafe(1 << 22);
    let used = 0;
    const o = { host: this.plan.host, logFormat: this.plan.logFormat };
    let line: string | undefined;
    while (at.length < max && (line = this.line()) !== undefined) {
      if (!line.trim()) continue;
      this.report.lines++;
      const p = this.format.parse(line, o);
      if (!p) {
        if (this.report.notUnderstood.length < 5) this.report.notUnderstood.push(line.slice(0, 200));
        continue;
      }
      this.report.understood++;
      const iso = this.iso(p.at);
      for (const f of p.also ? [p.fact, p.also] : [p.fact]) {
        const tail = `"at":"${iso}",${JSON.stringify(f).slice(1)}`;
        if (used + 3 * tail.length > text.length) text = grown(text, used, 3 * tail.length);
        used += text.write(tail, used);
        at.push(p.at);
        ends.push(used);
        findings.add(this.seen, f);
        if (f.host) hostLanes.add(this.lanes, f, p.at);
      }
    }
    const batch: Batch = { at: Float64Array.from(at), text: new Uint8Array(text.buffer, text.byteOffset, used), ends: Int32Array.from(ends) };
    if (line === undefined) batch.end = { report: this.report, lanes: this.lanes, seen: this.seen };
    return batch;
  }

  /** The ISO time of `at`, its date and second made once a second. */
  private iso(at: number): string {
    const second = Math.floor(at / 1000);
    if (second !== this.second) {
      this.second = second;
      this.prefix = new Date(second * 1000).toISOString().slice(0, 20);
    }
    return this.prefix + MILLIS[Math.floor(at) - second * 1000]!;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
