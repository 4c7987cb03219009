// The container runtime through the CLI: a stack held by `lab up --runtime container` on Ceph 18 is one network,
// its ports published on 127.0.0.1 only, every container labelled with its run; a lab killed outright leaves
// containers behind, which the next lab command removes with the network.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerCli } from '../../lab/provision/engine.ts';
import { lab, LabProcess, runsDir } from './lab-cli.ts';

const docker = (...args: string[]) => execFileSync(dockerCli(), args, { encoding: 'utf8' }).trim();
const ofRun = (kind: 'ps' | 'network', id: string) =>
  docker(
    ...(kind === 'ps' ? ['ps', '-a'] : ['network', 'ls']),
    '--filter',
    `label=registry-lab.run=${id}`,
    '--format',
    kind === 'ps' ? '{{.Names}}' : '{{.Name}}',
  )
    .split('\n')
    .filter(Boolean);

describe('lab up --runtime container', () => {
  it('holds the stack in containers on one network, published on 127.0.0.1 only; a kill -9 is reaped by the next command', async () => {
    const runs = runsDir();
    const up = new LabProcess(['up', 'stream-idle-504', '--runtime', 'container', '--ceph', '18'], runs);
    await up.waitFor(/stop with Ctrl-C or `lab down`/, 600_000);
    const [id] = readdirSync(runs);

    const containers = ofRun('ps', id!);
    expect(containers).toEqual(expect.arrayContaining([`registry-lab-${id}-pod`, expect.stringMatching(/-object-store-rgw-\d+$/)]));
    expect(containers.length).toBeGreaterThanOrEqual(8);
    expect(ofRun('network', id!)).toEqual([`registry-lab-${id}`]);
    const bindings = JSON.parse(docker('inspect', '--format', '{{json .HostConfig.PortBindings}}', `registry-lab-${id}-pod`)) as Record<
      string,
      { HostIp: string }[]
    >;
    expect(Object.keys(bindings).length).toBeGreaterThan(5);
    expect(
      new Set(
        Object.values(bindings)
          .flat()
          .map((b) => b.HostIp),
      ),
    ).toEqual(new Set(['127.0.0.1']));
    const run = JSON.parse(readFileSync(join(runs, id!, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ runtime: 'container', images: { 'object-store': expect.stringMatching(/^registry-lab\/ceph:trixie-/) } });
    expect(run.versions.ceph).toMatch(/^18\.2\./);

    up.child.kill('SIGKILL');
    await up.exited;
    expect(ofRun('ps', id!).length).toBeGreaterThan(0);
    const next = lab(['list'], runs);
    expect(next.status).toBe(0);
    expect(next.stderr).toMatch(new RegExp(`removed container registry-lab-${id}-pod left over by a crashed run`));
    expect(ofRun('ps', id!)).toEqual([]);
    expect(ofRun('network', id!)).toEqual([]);
  });
});
