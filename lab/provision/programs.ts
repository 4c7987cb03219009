// Where programs come from (a Debian package, a Go module, a PyPI package in a virtualenv the lab owns) and
// where they are found once installed. Products declare their own programs; this file holds the means.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { cleanEnv } from '../core/env.ts';

const exec = promisify(execFile);

export type Source =
  | { via: 'apt'; package: string }
  | { via: 'go'; module: string; version: string; binary: string }
  | { via: 'pip'; package: string; version: string; binary: string };

export const apt = (pkg: string): Source => ({ via: 'apt', package: pkg });
export const goModule = (module: string, version: string, binary: string) => ({ via: 'go', module, version, binary }) as const;
/** binary: its path inside the package's site-packages directory, or bin/NAME for a console script */
export const pip = (pkg: string, version: string, binary: string) => ({ via: 'pip', package: pkg, version, binary }) as const;

/** Programs no product runs: the terminal the replay's end-to-end tests and benchmark drive, a JUnit reader that
 * checks the suite's reports, and a compose for the exported bundles' repro.sh. */
export const TOOLS: Readonly<Record<string, Source>> = {
  tmux: apt('tmux'),
  junit2html: pip('junit2html', '31.1.4', 'bin/junit2html'),
  'docker-compose': apt('docker-compose'),
};

/** Where the lab keeps the programs it installs itself (Go binaries, the envoy virtualenv). */
export function toolsDir(): string {
  return process.env.LAB_TOOLS ?? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'registry-lab');
}

export function ownDir(name: string, src: Source): string {
  return join(toolsDir(), src.via === 'apt' ? 'apt' : `${name}-${src.version}`);
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of a program, or null when it is not installed. */
export function locate(name: string, src: Source): string | null {
  if (src.via === 'go' || (src.via === 'pip' && src.binary.startsWith('bin/'))) {
    const p = join(ownDir(name, src), src.binary);
    return executable(p) ? p : null;
  }
  if (src.via === 'pip') {
    const lib = join(ownDir(name, src), 'lib');
    if (!existsSync(lib)) return null;
    for (const py of readdirSync(lib)) {
      const p = join(lib, py, 'site-packages', src.binary);
      if (executable(p)) return p;
    }
    return null;
  }
  // where Debian's packages install first: a python3 or nginx of its own earlier on PATH is not the package's
  const dirs = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', ...(process.env.PATH ?? '').split(delimiter)];
  for (const d of dirs) if (d && executable(join(d, name))) return join(d, name);
  return null;
}

/** The programs of one run: where each is, and how to ask it for its version. */
export class Programs {
  constructor(private readonly paths: Readonly<Record<string, string>>) {}

  /** what a launcher runs for it: its path natively, its name on the image's PATH in a container */
  path(name: string): string {
    const p = this.paths[name];
    if (!p) throw new Error(`program ${name} was not provisioned`);
    return p;
  }

  /** The program a path is (what `path` gave for it): its name, which is also its name in the lab's image. */
  nameOf(path: string): string | undefined {
    return Object.entries(this.paths).find(([, p]) => p === path)?.[0];
  }

  /** The first line of its output for these arguments (a version string). */
  async firstLine(name: string, args: string[]): Promise<string> {
    const { stdout, stderr } = await exec(this.path(name), args, { env: cleanEnv(), timeout: 10_000 });
    return (stdout.trim() || stderr.trim()).split('\n')[0] ?? '';
  }
}
