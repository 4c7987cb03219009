// The container engine: a dockerd that answers on its socket. When none answers, the lab installs Debian's
// docker.io (as root) and starts `dockerd --ip 127.0.0.1 --userland-proxy=false` detached, so published ports bind
// loopback only, as address rules rather than a proxy process copying every connection, and the engine outlives the lab.
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProvisionError } from '../core/errors.ts';
import type { LabLog } from '../core/lab-log.ts';
import { aptInstall, type Progress } from './install.ts';
import { toolsDir } from './programs.ts';

const DEFAULT_SOCKET = '/var/run/docker.sock';
const START_TIMEOUT_MS = 30_000;

/** The Docker client: Debian's 20.10 when there (the newer one first on PATH may have no buildx). */
export function dockerCli(): string {
  return existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
}

/** Where the engine listens: a unix socket (the default, or DOCKER_HOST=unix://…) or DOCKER_HOST=tcp://host:port. */
export type EngineAddress = { socketPath: string } | { host: string; port: number };

export function engineAddress(dockerHost = process.env.DOCKER_HOST): EngineAddress {
  if (!dockerHost) return { socketPath: DEFAULT_SOCKET };
  if (dockerHost.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length) };
  const tcp = /^tcp:\/\/([^:/]+):(\d+)/.exec(dockerHost);
  if (tcp) return { host: tcp[1]!, port: Number(tcp[2]) };
  throw new ProvisionError(`DOCKER_HOST=${dockerHost}: the lab talks to unix:// or tcp:// engines only`);
}

/** The status of a GET on the engine's API (0 when it does not answer within `timeoutMs`); never throws. */
function engineStatus(path: string, timeoutMs: number): Promise<number> {
  let address: EngineAddress;
  try {
    address = engineAddress();
  } catch {
    return Promise.resolve(0);
  }
  return new Promise((resolve) => {
    const req = request({ ...address, path, method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(0));
    req.end();
  });
}

/** Whether the engine answers `GET /_ping` within `timeoutMs`; never throws. */
export async function engineAnswers(timeoutMs = 200): Promise<boolean> {
  return (await engineStatus('/_ping', timeoutMs)) === 200;
}

/** Whether the engine holds an image of this tag. */
export async function imagePresent(tag: string): Promise<boolean> {
  return (await engineStatus(`/images/${encodeURIComponent(tag)}/json`, 10_000)) === 200;
}

function onPath(name: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin'];
  return dirs.some((d) => {
    if (!d) return false;
    try {
      accessSync(join(d, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function lastLine(file: string): string {
  try {
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    return lines.at(-1)?.trim() ?? '(its log is empty)';
  } catch {
    return '(no log)';
  }
}

/** Makes the engine answer: nothing when it does; else installs docker.io when dockerd is absent and starts dockerd. */
export async function ensureEngine(progress: Progress, log: LabLog): Promise<void> {
  if (await engineAnswers()) return;
  const address = engineAddress();
  if (!('socketPath' in address))
    throw new ProvisionError(`the container engine at DOCKER_HOST=${process.env.DOCKER_HOST} does not answer; start it and retry`);
  if (!onPath('dockerd')) {
    progress('engine: dockerd is missing: installing docker.io');
    await aptInstall(['docker.io'], progress, log);
    if (!onPath('dockerd')) throw new ProvisionError('dockerd is still missing after installing apt package docker.io');
  }
  if (process.getuid?.() !== 0) throw new ProvisionError(`no container engine answers on ${address.socketPath}: start dockerd (it needs root) and retry`);

  const dir = toolsDir();
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'dockerd.log');
  const args = ['--ip', '127.0.0.1', '--userland-proxy=false', ...(address.socketPath === DEFAULT_SOCKET ? [] : ['-H', `unix://${address.socketPath}`])];
  progress(`engine: starting dockerd (log: ${logFile})`);
  log.info({ command: 'dockerd', args, logFile }, 'starting the container engine');
  const fd = openSync(logFile, 'a');
  let exited: number | null | undefined;
  try {
    // detached: dockerd gets its own session (setsid) and keeps running after the lab exits
    const child = spawn('dockerd', args, { detached: true, stdio: ['ignore', fd, fd] });
    child.once('exit', (code) => (exited = code));
    child.once('error', (e) => {
      exited = -1;
      log.error({ err: e.message }, 'dockerd could not start');
    });
    child.unref();
  } finally {
    closeSync(fd);
  }

  const started = Date.now();
  while (Date.now() - started < START_TIMEOUT_MS) {
    if (await engineAnswers()) {
      const s = ((Date.now() - started) / 1000).toFixed(1);
      progress(`engine: dockerd answers (${s} s)`);
      log.info({ ms: Date.now() - started }, 'container engine answers');
      return;
    }
    if (exited !== undefined) throw new ProvisionError(`dockerd exited ${exited} at start: ${lastLine(logFile)}`);
    await sleep(250);
  }
  throw new ProvisionError(`dockerd did not answer on ${address.socketPath} within ${START_TIMEOUT_MS / 1000} s: ${lastLine(logFile)}`);
}
