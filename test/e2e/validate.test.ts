// `lab validate` and `lab list` on a scenarios folder with one broken file: the broken file is named with where
// and what (one line, exit 2), every other file is still validated or listed, and nothing is started.
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioNames } from '../../lab/scenario/load.ts';
import { lab, runsDir } from './lab-cli.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const runs = runsDir();
const known = scenarioNames();
const scratch: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(d);
  return d;
};

afterAll(() => {
  for (const d of [...scratch, runs]) rmSync(d, { recursive: true, force: true });
});

/** A copy of scenarios/ in a temporary folder, plus `broken.json`; the copies import ../lab/ as in the repo. */
function brokenCatalog(): string {
  const root = tempDir('lab-scenarios-');
  cpSync(join(ROOT, 'scenarios'), join(root, 'scenarios'), { recursive: true });
  symlinkSync(join(ROOT, 'lab'), join(root, 'lab'));
  // the .ts scenarios are ES modules, as in the repo (whose package.json says so)
  writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  const broken = {
    name: 'broken',
    symptom: 's',
    source: 's',
    topology: { registry: { product: 'distribution', storage: 'filesystem' }, linkz: {} },
    workload: [{ pull: 'all' }],
  };
  writeFileSync(join(root, 'scenarios', 'broken.json'), JSON.stringify(broken));
  return join(root, 'scenarios');
}

const BROKEN = /^lab: .*scenarios\/broken\.json: topology: unknown field linkz$/;

describe('lab validate', () => {
  it('says ok for every scenario of the catalog, with its variants, and exits 0', () => {
    const r = lab(['validate'], runs);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(known.length);
    expect(lines).toContain('ok scenarios/stream-idle-504.ts (1 variant)');
    for (const l of lines) expect(l).toMatch(/^ok scenarios\/[a-z0-9-]+\.ts \(\d+ variants?\)$/);
  });

  it('names the broken file of a folder with where and what, checks the others, and exits 2', () => {
    const dir = brokenCatalog();
    const r = lab(['validate', '--dir', dir], runs);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(BROKEN)]);
    expect(r.stdout.trim().split('\n')).toHaveLength(known.length);
    expect(r.stdout).toMatch(/^ok .*scenarios\/cold-standby-failover\.ts \(1 variant\)$/m);
    // by name in that folder, or by path
    const named = lab(['validate', '--dir', dir, 'broken', 'stream-idle-504'], runs);
    expect([named.status, named.stderr.trim()]).toEqual([2, expect.stringMatching(BROKEN)]);
    expect(named.stdout).toMatch(/^ok .*scenarios\/stream-idle-504\.ts \(1 variant\)\n$/);
    const one = lab(['validate', join(dir, 'broken.json')], runs);
    expect(one.status).toBe(2);
    expect(one.stderr.trim()).toMatch(BROKEN);
  });

  it('checks every variant: a variant that breaks a rule is named with its location', () => {
    const file = join(tempDir('lab-variant-'), 'variant.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'variant',
        symptom: 's',
        source: 's',
        topology: { registry: { product: 'distribution', storage: 'filesystem' } },
        workload: [{ pull: 'all' }],
        expect: {},
        variants: { bad: { description: 'd', workload: [{ fault: 'nope' }] } },
      }),
    );
    const r = lab(['validate', file, 'stream-idle-504', 'no-such-incident'], runs);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('ok scenarios/stream-idle-504.ts (1 variant)\n');
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^lab: .*variant\.json: variants\.bad: workload\[0\]: no fault "nope"/),
      expect.stringMatching(/^lab: unknown scenario "no-such-incident"; known: /),
    ]);
  });

  it('has its own --help', () => {
    const r = lab(['validate', '--help'], runs);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^usage: lab validate \[FILE…\] \[--dir DIR\]\n/);
    expect(r.stdout).toContain('--verbose');
  });
});

describe('lab list', () => {
  it('names the broken file with where and what, still lists every other scenario, and exits 2', () => {
    const r = lab(['list', '--dir', brokenCatalog()], runs);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(BROKEN)]);
    const listed = r.stdout.split('\n').filter((l) => /^\S/.test(l));
    expect(listed).toEqual(known);
    expect(r.stdout).toContain('    variant planned: ');
  });

  it('lists the catalog and exits 0 when every file validates', () => {
    const r = lab(['list'], runs);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n').filter((l) => /^\S/.test(l))).toEqual(known);
  });
});

describe('validate and list', () => {
  it('started nothing and wrote no run', () => {
    expect(readdirSync(runs)).toEqual([]);
  });
});
