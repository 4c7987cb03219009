// A run as a bundle to attach to a bug report: REPORT.md, the event log, the replay as text, run.json,
// verdict.json and the components' logs, every file without the run's secrets or this machine's paths and
// name; and a .tar.gz of it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir, hostname, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { readEvents } from '../core/events/log.ts';
import { readRunJson, readVerdict } from '../core/run-files.ts';
import { type Redaction, redact, secretsIn } from './redact.ts';
import { reportMarkdown } from './report.ts';
import { writeReproducer } from './reproducer.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Every file under dir, as paths relative to it. */
function files(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(dir, join(under, e.name)) : e.isFile() ? [join(under, e.name)] : [],
  );
}

/** The run's secrets (from its configs, keyrings and the lab's log of the commands it ran) and this machine's
 * paths and host name, each with its stand-in. */
export function redactionOf(runDir: string): Redaction {
  const secrets = files(runDir)
    .filter((f) => !f.endsWith('events.ndjson') && statSync(join(runDir, f)).size < 1 << 20)
    .flatMap((f) => secretsIn(readFileSync(join(runDir, f), 'utf8')));
  const host = hostname();
  const id = basename(runDir);
  return {
    secrets: [...new Set(secrets)],
    paths: [
      [runDir, `runs/${id}`],
      [dirname(runDir), 'runs'],
      [ROOT, '<lab>'],
      [homedir(), '~'],
      [tmpdir(), '<tmp>'],
      ...(host.length > 3 && host !== 'localhost' ? [[host, '<host>'] as const] : []),
    ],
  };
}

export interface Bundle {
  dir: string;
  tarball: string;
  files: string[];
  /** why the bundle has no repro.sh, when it has none */
  noRepro?: string;
}

/** Writes the bundle of the run at runDir into out (which must not hold anything yet), and out.tar.gz. */
export function writeBundle(runDir: string, out: string, o: { replay: readonly string[]; timeline: readonly string[]; rerun: string }): Bundle {
  const r = redactionOf(runDir);
  const put = (file: string, text: string) => {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), redact(text, r));
  };
  const run = readRunJson(runDir);
  const verdict = readVerdict(runDir);
  const { events } = readEvents(join(runDir, 'events.ndjson'));
  const repro = writeReproducer(runDir, out, { run, verdict, events, redaction: r });
  put('REPORT.md', reportMarkdown({ run, verdict, events, timeline: o.timeline, rerun: o.rerun, noRepro: repro.missing }));
  for (const f of ['events.ndjson', 'run.json', 'verdict.json']) put(f, readFileSync(join(runDir, f), 'utf8'));
  put('replay.txt', `${o.replay.join('\n')}\n`);
  if (existsSync(join(runDir, 'logs'))) for (const f of files(join(runDir, 'logs'))) put(join('logs', f), readFileSync(join(runDir, 'logs', f), 'utf8'));
  const tarball = `${out}.tar.gz`;
  execFileSync('tar', ['-czf', tarball, '-C', dirname(out), basename(out)]);
  return { dir: out, tarball, files: files(out), ...(repro.missing && { noRepro: repro.missing }) };
}
