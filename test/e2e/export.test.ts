// `lab export` of a real stream-idle-504 run: the bundle's files and tarball, REPORT.md's evidence chain, and
// none of the run's secrets or this machine's paths in any file of it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir, hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lab, labAsync, runsDir } from './lab-cli.ts';

const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));

describe('lab export', () => {
  const runs = runsDir();
  const out = join(mkdtempSync(join(tmpdir(), 'lab-export-')), 'bundle');
  let run: string;
  let exported: ReturnType<typeof lab>;

  beforeAll(async () => {
    const r = await labAsync(['scenario', 'stream-idle-504', '--seed', '3', '--json'], runs, 300_000);
    run = JSON.parse(r.stdout).dir;
    exported = lab(['export', run, '--out', out], runs);
  }, 320_000);

  it('writes the bundle and its tarball', () => {
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain(`tarball: ${out}.tar.gz`);
    const files = walk(out).map((f) => f.slice(out.length + 1));
    expect(files).toEqual(
      expect.arrayContaining(['REPORT.md', 'events.ndjson', 'replay.txt', 'run.json', 'verdict.json', 'logs/s3-front.log', 'logs/registry.log']),
    );
    const listed = execFileSync('tar', ['-tzf', `${out}.tar.gz`], { encoding: 'utf8' }).split('\n');
    expect(listed).toEqual(expect.arrayContaining(['bundle/REPORT.md', 'bundle/events.ndjson', 'bundle/logs/s3-front.log']));
  });

  it("puts the run's evidence chain in REPORT.md, with the envoy 504 SI lines it rests on", () => {
    const report = readFileSync(join(out, 'REPORT.md'), 'utf8');
    expect(report).toContain('verdict **reproduced**');
    expect(report).toMatch(/- \*\*s3-front-idle-timeout-504\*\* \(symptom\): yes/);
    expect(report).toMatch(/s3-front \(envoy\) PUT \S+ → 504 SI/);
    expect(report).toContain('`lab scenario stream-idle-504 --seed 3`');
    expect(readFileSync(join(out, 'replay.txt'), 'utf8')).toContain('rgw-stall');
  });

  it("holds none of the run's secrets, and no path or name of this machine", () => {
    const config = readFileSync(join(run, 'registry', 'config.yml'), 'utf8');
    const secrets = [...config.matchAll(/^\s*(?:accesskey|secretkey|secret): (\S+)$/gm)].map((m) => m[1]!);
    const keyrings = walk(join(run, 'object-store')).filter((f) => f.endsWith('keyring'));
    for (const k of keyrings) secrets.push(...[...readFileSync(k, 'utf8').matchAll(/key = (\S+)/g)].map((m) => m[1]!));
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const machine = [run, dirname(run), homedir(), tmpdir(), ...(hostname().length > 3 ? [hostname()] : [])];
    for (const f of walk(out)) {
      const text = readFileSync(f, 'utf8');
      for (const s of [...secrets, ...machine]) expect(text.includes(s), `${s} in ${f}`).toBe(false);
    }
    expect(readFileSync(join(out, 'logs', 'object-store-commands.log'), 'utf8')).toContain('--access-key=<secret>');
  });

  it('refuses a bundle directory that holds something, and a run that does not exist, in one line', () => {
    const again = lab(['export', run, '--out', out], runs);
    expect(again.stderr.trim()).toBe(`lab export: --out ${out}: it exists and is not empty`);
    expect(again.status).toBe(2);
    const missing = lab(['export', 'no-such-run'], runs);
    expect(missing.stderr.trim()).toMatch(/^lab: .*no-such-run/);
    expect(missing.status).toBe(2);
  });
});
