// `lab up`: a scenario's topology brought up and held for people and real clients (docker, skopeo, aws),
// with faults applied and healed on request. Other `lab` commands reach the holding process through a Unix
// socket named in the run's state.json; everything is recorded in that run's events.
import { rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabError } from '../core/errors.ts';
import { S3_STORE, SWIFT_STORE } from '../products/capabilities.ts';
import { registryRole } from '../products/roles.ts';
import { waitUntil } from '../runtime/ready.ts';
import { reapContainers } from '../runtime/container-labels.ts';
import { liveRuns, readState, reapLeftovers } from '../runtime/state.ts';
import { openRun, StackRun, type RunOptions } from './run.ts';

/** What a person needs to talk to the stack: endpoints, keys, faults. */
function describeStack(lab: StackRun): string[] {
  const { stack, faults } = lab;
  const endpoints = stack.endpoints();
  const lines = [`  registry      ${endpoints[registryRole(endpoints)]}   (docker/skopeo: --tls-verify=false)`];
  for (const [role, url] of Object.entries(endpoints)) lines.push(`  ${role.padEnd(13)} ${url}`);
  const store = stack.members.get('object-store');
  if (store?.capabilities.includes(S3_STORE)) {
    const s3 = stack.capable('object-store', S3_STORE);
    lines.push(`  S3 keys       ${s3.credentials.accessKey} / ${s3.credentials.secretKey}   bucket ${s3.bucket}`);
  }
  if (store?.capabilities.includes(SWIFT_STORE)) {
    const swift = stack.capable('object-store', SWIFT_STORE);
    lines.push(`  Swift         ${swift.authUrl}   user ${swift.user} key ${swift.key}   container ${swift.container}`);
  }
  lines.push(`  faults        ${faults.names.join(', ') || 'none'}   (lab fault apply|heal NAME)`);
  return lines;
}

export async function holdUp(o: RunOptions, print: (line: string) => void): Promise<string> {
  await using run = openRun(o);
  await using lab = await StackRun.start(run, o, 'up');

  let release: (why: string) => void = () => {};
  const released = new Promise<string>((r) => (release = r));
  o.signal.addEventListener('abort', () => release('interrupted'), { once: true });

  // in the temp dir, not the run dir: a Unix socket path must stay under 108 bytes
  const socket = join(tmpdir(), `registry-lab-${process.pid}.sock`);
  rmSync(socket, { force: true });
  const server = createServer((req, res) => {
    const [, verb, raw] = (req.url ?? '').split('/');
    const name = decodeURIComponent(raw ?? '');
    const answer = (status: number, text: string) => res.writeHead(status, { 'content-type': 'text/plain' }).end(text + '\n');
    if (verb === 'down') {
      answer(200, `stopping ${run.id}`);
      release('down');
      return;
    }
    if ((verb !== 'apply' && verb !== 'heal') || !lab.faults.names.includes(name))
      return answer(404, `no fault "${name}"; defined: ${lab.faults.names.join(', ') || 'none'}`);
    (verb === 'apply' ? lab.faults.apply(name) : lab.faults.heal(name)).then((r) =>
      r.ok ? answer(200, `${verb === 'apply' ? (lab.faults.isAction(name) ? 'done' : 'applied') : 'healed'} ${name}`) : answer(409, r.error),
    );
  });
  await new Promise<void>((r) => server.listen(socket, r));
  lab.state.setControl(socket);

  print(`run ${run.id} is up (${run.dir})`);
  describeStack(lab).forEach(print);
  print('stop with Ctrl-C or `lab down`');

  const why = await released;
  server.close();
  rmSync(socket, { force: true });
  lab.state.setControl(undefined);
  lab.outcome = why;
  return why;
}

/** The newest run held by `lab up`, if any. */
function heldRun(runsDir: string): { runDir: string; control?: string } | undefined {
  return liveRuns(runsDir)
    .filter((r) => r.control)
    .sort((a, b) => a.runDir.localeCompare(b.runDir))
    .at(-1);
}

/** Sends a command to the process holding a `lab up` stack. */
export async function control(runsDir: string, path: string): Promise<string> {
  const target = heldRun(runsDir);
  if (!target) throw new LabError('no stack is up: start one with `lab up NAME`');
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: target.control, path, method: 'POST' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(body.trim()) : reject(new LabError(body.trim()))));
    });
    req.once('error', (e) => reject(new LabError(`cannot reach the stack of ${target.runDir}: ${e.message}`)));
    req.end();
  });
}

/** Stops the stack held by `lab up` and waits until its processes are gone; reaps a crashed session's leftovers. */
export async function down(runsDir: string, print: (line: string) => void): Promise<void> {
  const target = heldRun(runsDir);
  if (target) {
    print(await control(runsDir, '/down'));
    await waitUntil(async () => (readState(target.runDir)?.processes.length ?? 0) === 0, 'the stack to stop', { timeoutMs: 60_000, intervalMs: 100 });
    print('stopped');
    return;
  }
  const reaped = reapLeftovers(runsDir);
  const removed = reapContainers();
  if (reaped.length === 0 && removed.length === 0) throw new LabError('no stack is up and nothing was left running');
  for (const p of reaped) print(`killed ${p.name} (pid ${p.pid}) left over by a crashed run`);
  for (const c of removed) print(`removed ${c} left over by a crashed run`);
}
