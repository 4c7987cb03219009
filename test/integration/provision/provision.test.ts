// Provisioning on this machine: what is present is found and nothing is reinstalled.
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { consoleLog } from '../../../lab/core/lab-log.ts';
import { PROGRAMS } from '../../../lab/products/index.ts';
import { locate } from '../../../lab/provision/programs.ts';
import { provision } from '../../../lab/provision/provision.ts';

const tools = process.env.LAB_TOOLS;
afterEach(() => {
  if (tools === undefined) delete process.env.LAB_TOOLS;
  else process.env.LAB_TOOLS = tools;
});

it('finds every program the products and tools name, and installs nothing when all are present', async () => {
  const lines: string[] = [];
  const { programs, installed } = await provision(PROGRAMS, (l) => lines.push(l), consoleLog());
  expect(installed).toEqual([]);
  expect(lines).toEqual([]);
  for (const name of Object.keys(PROGRAMS)) expect(() => accessSync(programs.path(name), constants.X_OK)).not.toThrow();
  expect(Object.keys(PROGRAMS)).toEqual(
    expect.arrayContaining(['ceph-mon', 'radosgw', 'docker-registry', 'registry-3', 'minio', 'envoy', 'toxiproxy', 'swift-proxy-server', 'rsync', 'tmux']),
  );
  expect(programs.path('toxiproxy')).toMatch(/toxiproxy-v2\.12\.0\/server$/);
  expect(programs.path('envoy')).toMatch(/envoy-1\.40\.0\/lib\/python3\.\d+\/site-packages\/envoy\/_bin\/envoy$/);
});

it('looks for the programs it installs itself only in its own tools directory', () => {
  process.env.LAB_TOOLS = mkdtempSync(join(tmpdir(), 'lab-tools-'));
  expect(locate('toxiproxy', PROGRAMS.toxiproxy!)).toBeNull();
  expect(locate('envoy', PROGRAMS.envoy!)).toBeNull();
  expect(locate('nginx', PROGRAMS.nginx!)).toMatch(/\/nginx$/);
});
