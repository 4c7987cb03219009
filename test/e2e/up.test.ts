// The workbench: `lab up` holds the stack for a real client, `lab fault` and `lab down` act on it, all recorded.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateImage } from '../../fixtures/image.ts';
import { OciClient, RegistryError } from '../../lab/clients/oci.ts';
import { alive, eventsOf, lab, LabProcess, runsDir, started, whenGone } from './lab-cli.ts';

describe('lab up / fault / down', () => {
  it('serves a real client, applies and heals a fault on request, and stops cleanly', async () => {
    const runs = runsDir();
    const up = new LabProcess(['up', 'stream-idle-504'], runs);
    await up.waitFor(/stop with Ctrl-C or `lab down`/);
    const registry = up.stdout.match(/^ {2}registry +(http:\/\/127\.0\.0\.1:\d+)/m)![1]!;
    expect(up.stdout).toMatch(/^ {2}S3 keys +\S+ \/ \S+ +bucket registry$/m);
    expect(up.stdout).toMatch(/^ {2}fault-proxy +http:\/\/127\.0\.0\.1:\d+$/m);

    const client = new OciClient({ baseUrl: registry, timeoutMs: 30_000 });
    const image = generateImage('up-1', ['small']);
    expect(await client.pushImage('hand/one', 'v1', image)).toBe(image.manifest.digest);

    const apply = lab(['fault', 'apply', 'rgw-stall'], runs);
    expect(apply).toMatchObject({ status: 0, stdout: 'applied rgw-stall\n' });
    const unknown = lab(['fault', 'apply', 'nope'], runs);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('lab: no fault "nope"; defined: rgw-stall\n');
    const stalled = await client.pushImage('hand/two', 'v1', generateImage('up-2', ['small'])).catch((e: unknown) => e);
    expect(stalled).toBeInstanceOf(RegistryError);
    expect((stalled as RegistryError).status).toBe(500);
    expect(lab(['fault', 'heal', 'rgw-stall'], runs)).toMatchObject({ status: 0, stdout: 'healed rgw-stall\n' });
    expect((await client.pullImage('hand/one', 'v1')).intact).toBe(true);

    const down = lab(['down'], runs);
    expect(down.status).toBe(0);
    expect(down.stdout).toMatch(/^stopping .*\nstopped\n$/);
    expect(await up.exited).toBe(0);

    const [id] = readdirSync(runs);
    const events = eventsOf(join(runs, id!));
    expect(events[0]).toMatchObject({ type: 'run.started', mode: 'up' });
    expect(events.filter((e) => e.type === 'fault.applied' || e.type === 'fault.healed').map((e) => e.type)).toEqual(['fault.applied', 'fault.healed']);
    const pushed = events.filter(
      (e) => e.type === 'access' && e.component === 'registry-front' && e.method === 'PUT' && e.path === '/v2/hand/one/manifests/v1',
    );
    expect(pushed).toMatchObject([{ status: 201 }]);
    expect(events.some((e) => e.type === 'access' && e.component === 's3-front' && e.status === 504 && e.flags === 'SI')).toBe(true);
    expect(events.findLast((e) => e.type === 'run.finished')).toMatchObject({ outcome: 'down' });
    for (const p of started(events)) expect(alive(p.pid), `${p.component} pid ${p.pid}`).toBe(false);
  });

  it('reaps what a crashed lab left running', async () => {
    const runs = runsDir();
    const up = new LabProcess(['up', 'stream-idle-504'], runs);
    await up.waitFor(/stop with Ctrl-C or `lab down`/);
    up.child.kill('SIGKILL');
    await up.exited;
    const [id] = readdirSync(runs);
    const procs = started(eventsOf(join(runs, id!)));
    const socket = JSON.parse(readFileSync(join(runs, id!, 'state.json'), 'utf8')).control as string;
    expect(existsSync(socket)).toBe(true);
    const survivors = procs.filter((p) => alive(p.pid));
    expect(survivors.length).toBeGreaterThan(0);

    const down = lab(['down'], runs);
    expect(down.status).toBe(0);
    expect(down.stdout).toMatch(/killed object-store\/mon \(pid \d+\) left over by a crashed run/);
    expect(await whenGone(procs.map((p) => p.pid))).toEqual([]);
    expect(existsSync(socket)).toBe(false);
  });
});
