// Provisioning on this machine: what is present is found and nothing is reinstalled.
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { CATALOG, locate, type ProgramName } from '../../../lab/provision/programs.ts';
import { provision } from '../../../lab/provision/provision.ts';

const ALL = Object.keys(CATALOG) as ProgramName[];
const tools = process.env.LAB_TOOLS;
afterEach(() => {
  if (tools === undefined) delete process.env.LAB_TOOLS;
  else process.env.LAB_TOOLS = tools;
});

it('finds every program of the catalog and installs nothing when all are present', async () => {
  const lines: string[] = [];
  const { programs, installed } = await provision(ALL, (l) => lines.push(l));
  expect(installed).toEqual([]);
  expect(lines).toEqual([]);
  for (const name of ALL) expect(() => accessSync(programs.path(name), constants.X_OK)).not.toThrow();
  expect(programs.path('toxiproxy')).toMatch(/toxiproxy-v2\.12\.0\/server$/);
  expect(programs.path('envoy')).toMatch(/envoy-1\.40\.0\/lib\/python3\.\d+\/site-packages\/envoy\/_bin\/envoy$/);
});

it('looks for the programs it installs itself only in its own tools directory', () => {
  process.env.LAB_TOOLS = mkdtempSync(join(tmpdir(), 'lab-tools-'));
  expect(locate('toxiproxy')).toBeNull();
  expect(locate('envoy')).toBeNull();
  expect(locate('nginx')).toMatch(/\/nginx$/);
});
