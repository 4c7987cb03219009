// The lab's own diagnostics (not the run's facts, which are its events): every spawn, readiness probe,
// provisioning command, retry, teardown step and caught error, as pino JSON lines in runs/<id>/lab.log, and
// as plain lines on stderr with --verbose. A run that failed to start can be diagnosed from its directory.
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type LabLog = Logger;

let verbose = false;

/** --verbose: diagnostics also go to stderr, for every log opened from now on. */
export function setVerbose(on: boolean): void {
  verbose = on;
}

/** One diagnostic line for a person: "lab: spawn program=/usr/bin/nginx args=…". */
function plainLine(json: string): string {
  const { msg, level: _l, time: _t, pid: _p, hostname: _h, ...rest } = JSON.parse(json) as Record<string, unknown>;
  const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return `lab: ${[msg, ...fields].join(' ')}\n`;
}

const stderrPlain = () =>
  new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) process.stderr.write(plainLine(line));
      done();
    },
  });

/** A log in `file` (appended, written synchronously so a crash loses nothing), and on stderr with --verbose. */
export function openLabLog(file: string): LabLog {
  const streams: pino.StreamEntry[] = [{ stream: pino.destination({ dest: file, sync: true, mkdir: true }) }];
  if (verbose) streams.push({ stream: stderrPlain() });
  return pino({ base: undefined, level: 'debug', timestamp: pino.stdTimeFunctions.isoTime }, pino.multistream(streams, { dedupe: false }));
}

/** Diagnostics before a run directory exists (provisioning from `lab provision`): stderr with --verbose, else none. */
export function consoleLog(): LabLog {
  return verbose ? pino({ base: undefined, level: 'debug' }, stderrPlain()) : pino({ level: 'silent' });
}
