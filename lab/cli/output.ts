// What the lab prints. A reader that goes away (`lab scenario … | head -2`) closes stdout: the run goes on to
// its teardown and verdict, printing nothing more, and never crashes on EPIPE.
import { relative } from 'node:path';

let closed = { stdout: false, stderr: false };

for (const name of ['stdout', 'stderr'] as const) {
  process[name].on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    closed = { ...closed, [name]: true };
  });
}

export const out = (line: string): void => {
  if (!closed.stdout) process.stdout.write(line + '\n');
};

export const err = (line: string): void => {
  if (!closed.stderr) process.stderr.write(line + '\n');
};

/** A path relative to the working directory when it is inside it. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
