// lab matrix on the real stack: stream-idle-504 on ceph and minio, with Distribution 2.8 and 3.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labAsync, runsDir } from './lab-cli.ts';

describe('lab matrix stream-idle-504', () => {
  it('reproduces the incident on every combination, each run on the object store and registry it names', async () => {
    const runs = runsDir();
    const r = await labAsync(['matrix', 'stream-idle-504', '--seed', '5'], runs, 300_000);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^\| (ceph|minio), Distribution/.test(l));
    expect(rows.map((l) => l.split(' | ').slice(0, 3).join(' | '))).toEqual([
      '| ceph, Distribution 2.8 | reproduced | 3/3',
      '| ceph, Distribution 3 | reproduced | 3/3',
      '| minio, Distribution 2.8 | reproduced | 3/3',
      '| minio, Distribution 3 | reproduced | 3/3',
    ]);
    const dirs = [...r.stdout.matchAll(/\((\S*runs\/\S+|\S+-stream-idle-504)\)$/gm)].map((m) => m[1]!);
    expect(dirs).toHaveLength(4);
    const versions = dirs.map(
      (d) =>
        JSON.parse(readFileSync(join(d.startsWith('/') ? d : join(process.cwd(), d), 'run.json'), 'utf8')) as {
          versions: Record<string, string>;
          definition: { topology: { registry: { version: string } } };
        },
    );
    expect(versions.map((v) => [v.definition.topology.registry.version, 'ceph' in v.versions ? 'ceph' : 'minio' in v.versions ? 'minio' : '?'])).toEqual([
      ['2.8', 'ceph'],
      ['3', 'ceph'],
      ['2.8', 'minio'],
      ['3', 'minio'],
    ]);
    expect(versions[1]!.versions.distribution).toMatch(/^v3\./);
    expect(versions[0]!.versions.distribution).toMatch(/^2\.8/);
  }, 320_000);
});
