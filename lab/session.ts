// `lab up`: a scenario's topology brought up and held for people and real clients (docker, skopeo, aws),
// with faults applied and healed on request. Other `lab` commands reach the holding process through a Unix
// socket named in the run's state.json; everything is recorded in that run's events.
import { rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { faultEffects } from '../faults/effects.ts';
import { applyFault, healFault } from '../faults/fault.ts';
import type { Ceph } from './components/ceph.ts';
import { LabError } from './errors.ts';
import { waitUntil } from './runtime/ready.ts';
import { liveRuns, readState, reapLeftovers } from './runtime/state.ts';
import { bringUp, tearDown, type RunOptions } from './runner.ts';
import { registryRole } from './topology.ts';

export async function holdUp(o: RunOptions, print: (line: string) => void): Promise<string> {
  const { run, stack } = await bringUp(o, 'up');
  const effects = faultEffects(o.scenario, stack);
  const store = o.scenario.topology['object-store'] ? (stack.get('object-store') as Ceph) : undefined;

  let release: (why: string) => void = () => {};
  const released = new Promise<string>((r) => (release = r));
  o.signal.addEventListener('abort', () => release('interrupted'), { once: true });

  // in the temp dir, not the run dir: a Unix socket path must stay under 108 bytes
  const socket = join(tmpdir(), `registry-lab-${process.pid}.sock`);
  rmSync(socket, { force: true });
  const server = createServer((req, res) => {
    const [, verb, name] = (req.url ?? '').split('/');
    const answer = (status: number, text: string) => res.writeHead(status, { 'content-type': 'text/plain' }).end(text + '\n');
    if (verb === 'down') {
      answer(200, `stopping ${run.id}`);
      release('down');
      return;
    }
    const effect = name ? effects.get(decodeURIComponent(name)) : undefined;
    if ((verb !== 'apply' && verb !== 'heal') || !effect) return answer(404, `no fault "${decodeURIComponent(name ?? '')}"; defined: ${[...effects.keys()].join(', ') || 'none'}`);
    (verb === 'apply' ? applyFault(effect, run.events) : healFault(effect, run.events)).then(
      () => answer(200, `${verb === 'apply' ? 'applied' : 'healed'} ${effect.name}`),
      (e: Error) => answer(409, e.message),
    );
  });
  await new Promise<void>((r) => server.listen(socket, r));
  run.state.setControl(socket);

  const endpoints = stack.endpoints();
  print(`run ${run.id} is up (${run.dir})`);
  print(`  registry      ${endpoints[registryRole(o.scenario.topology)]}   (docker/skopeo: --tls-verify=false)`);
  for (const [role, url] of Object.entries(endpoints)) print(`  ${role.padEnd(13)} ${url}`);
  if (store) print(`  S3 keys       ${store.credentials.accessKey} / ${store.credentials.secretKey}   bucket ${store.bucket}`);
  print(`  faults        ${[...effects.keys()].join(', ') || 'none'}   (lab fault apply|heal NAME)`);
  print('stop with Ctrl-C or `lab down`');

  const why = await released;
  server.close();
  rmSync(socket, { force: true });
  run.state.setControl(undefined);
  await tearDown(run, stack, why);
  run.events.close();
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
  if (reaped.length === 0) throw new LabError('no stack is up and nothing was left running');
  for (const p of reaped) print(`killed ${p.name} (pid ${p.pid}) left over by a crashed run`);
}
