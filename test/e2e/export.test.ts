// `lab export` of a real stream-idle-504 run: the bundle's files and tarball, REPORT.md's evidence chain, none
// of the run's secrets or this machine's paths in any file of it, and its repro.sh run with the lab's images
// (compose, curl, Toxiproxy's API) ending as the lab's run did, with nothing left running.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir, hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathAt } from '../../lab/export/redact.ts';
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
      for (const s of secrets) expect(text.includes(s), `${s} in ${f}`).toBe(false);
      for (const p of machine) expect(pathAt(p).test(text), `${p} in ${f}`).toBe(false);
    }
    expect(readFileSync(join(out, 'logs', 'object-store-commands.log'), 'utf8')).toContain('--access-key=<secret>');
  });

  it('writes a compose project naming upstream images, each overridable, with fresh secrets the same everywhere', () => {
    const compose = readFileSync(join(out, 'compose.yaml'), 'utf8');
    for (const image of ['registry:2.8', 'quay.io/ceph/ceph:v16', 'envoyproxy/envoy:v', 'ghcr.io/shopify/toxiproxy:', 'nginx:', 'redis:'])
      expect(compose).toContain(image);
    expect(compose).toMatch(/image: \$\{OBJECT_STORE_IMAGE:-quay\.io\/ceph\/ceph:v16\.\d+\.\d+\}/);
    const local = readFileSync(join(out, 'local.env'), 'utf8');
    expect(local).toMatch(/^OBJECT_STORE_IMAGE=registry-lab\/ceph:bookworm-[0-9a-f]{12}$/m);
    const key = /accesskey: (\S+)/.exec(readFileSync(join(out, 'stack', 'registry', 'config.yml'), 'utf8'))?.[1];
    expect(key).toMatch(/^[A-Z0-9]{20}$/);
    expect(readFileSync(join(run, 'registry', 'config.yml'), 'utf8')).not.toContain(key);
    expect(readFileSync(join(out, 'stack', 'entrypoints', 'object-store.sh'), 'utf8')).toContain(`--access-key=${key}`);
    expect(readFileSync(join(out, 'repro.sh'), 'utf8')).toContain(`registry ${key} `);
    const index = JSON.parse(readFileSync(join(out, 'images', 'index.json'), 'utf8')) as { manifests: { annotations: Record<string, string> }[] };
    expect(index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name'])).toEqual(
      expect.arrayContaining(['lab/image-0:v1', 'lab/image-4:v1']),
    );
  });

  it('reproduces with ./repro.sh --local: the push during the stall fails 5xx, envoy logs 504 SI, and everything goes down', async () => {
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(join(out, 'repro.sh'), ['--local'], { cwd: out, timeout: 400_000 });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(r.stderr).toMatch(/op 3 push info 500/);
    expect(r.stderr).toMatch(/✓ push-5xx-during-fault: seen/);
    expect(r.stderr).toMatch(/✓ s3-front logged \d+ lines with PUT 504 SI/);
    expect(r.stderr).toContain('reproduced: stream-idle-504 ends as the lab');
    expect(r.status).toBe(0);
    expect(readFileSync(join(out, 'out', 'results'), 'utf8')).toMatch(/^op 9 pull ok 200 intact$/m);
    const left = execFileSync('docker', ['ps', '-aq', '--filter', 'label=com.docker.compose.service=s3-front'], { encoding: 'utf8' });
    expect(left.trim()).toBe('');
  }, 420_000);

  it('refuses a bundle directory that holds something, and a run that does not exist, in one line', () => {
    const again = lab(['export', run, '--out', out], runs);
    expect(again.stderr.trim()).toBe(`lab export: --out ${out}: it exists and is not empty`);
    expect(again.status).toBe(2);
    const missing = lab(['export', 'no-such-run'], runs);
    expect(missing.stderr.trim()).toMatch(/^lab: .*no-such-run/);
    expect(missing.status).toBe(2);
  });
});
