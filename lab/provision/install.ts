// Installing programs: apt for Debian packages, `go install` for Go modules, pip into a virtualenv the lab owns.
// Output streams to the caller line by line, so a long install shows its progress.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProvisionError } from '../core/errors.ts';
import type { LabLog } from '../core/lab-log.ts';
import { cleanEnv } from '../core/env.ts';

export type Progress = (line: string) => void;

function step(what: string, command: string, args: string[], env: NodeJS.ProcessEnv, progress: Progress, log: LabLog): Promise<void> {
  progress(`$ ${command} ${args.join(' ')}`);
  log.info({ command, args }, 'provisioning command');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let last = '';
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const l = line.trimEnd();
        if (l) {
          last = l;
          progress(`  ${l}`);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (e) => {
      log.error({ command, err: e.message }, 'provisioning command could not start');
      reject(new ProvisionError(`${what}: cannot run ${command}: ${e.message}`));
    });
    child.once('close', (code) => {
      log.info({ command, code }, 'provisioning command exited');
      if (code === 0) resolve();
      else reject(new ProvisionError(`${what}: ${command} exited ${code}: ${last}`));
    });
  });
}

function hostEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

export async function aptInstall(packages: string[], progress: Progress, log: LabLog): Promise<void> {
  const what = `apt packages ${packages.join(' ')}`;
  if (process.getuid?.() !== 0)
    throw new ProvisionError(
      `missing ${packages.join(', ')}: install with \`sudo apt-get install -y ${packages.join(' ')}\` (the lab installs them only as root)`,
    );
  const env = hostEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  // packages like nginx and redis-server start their service on install (nginx on 0.0.0.0:80): forbid it
  const policy = '/usr/sbin/policy-rc.d';
  const ours = !existsSync(policy);
  if (ours) writeFileSync(policy, '#!/bin/sh\n# written by registry-lab during apt-get install: start no services\nexit 101\n', { mode: 0o755 });
  try {
    await step(what, 'apt-get', [...lock, 'update'], env, progress, log);
    await step(what, 'apt-get', [...lock, 'install', '-y', '--no-install-recommends', ...packages], env, progress, log);
  } finally {
    if (ours) rmSync(policy, { force: true });
  }
}

export async function goInstall(module: string, version: string, dir: string, progress: Progress, log: LabLog): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await step(`${module}@${version}`, 'go', ['install', `${module}@${version}`], hostEnv({ GOBIN: dir }), progress, log).catch((e: Error) => {
    throw new ProvisionError(
      e.message.includes('cannot run go') ? `${module}@${version} needs Go: install it (apt-get install golang-go, or from go.dev) and retry` : e.message,
    );
  });
}

export async function pipInstall(pkg: string, version: string, venv: string, progress: Progress, log: LabLog): Promise<void> {
  await step(`${pkg}==${version}`, 'python3', ['-m', 'venv', venv], cleanEnv(), progress, log).catch(() => {
    throw new ProvisionError(`${pkg} needs a Python 3 with venv: install it (apt-get install python3-venv) and retry`);
  });
  await step(`${pkg}==${version}`, join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', `${pkg}==${version}`], hostEnv(), progress, log);
}
