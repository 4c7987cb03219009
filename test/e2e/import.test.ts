// `lab import` on production-like logs of the first seed's incident (fixtures/incident-logs.ts): several hosts,
// envoy, radosgw in journald, the registry and nginx; then analyze and replay on the imported run.
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeIncidentLogs } from '../../fixtures/incident-logs.ts';
import { IndexedFile } from '../../lab/core/events/indexed-file.ts';
import { MemorySource } from '../../lab/core/events/source.ts';
import { eventsOf, lab, labAsync, runsDir, scenarioRun } from './lab-cli.ts';

describe('lab import', () => {
  it('reads every line of an incident on several hosts into one run that analyze and replay open', async () => {
    const logs = writeIncidentLogs(mkdtempSync(join(tmpdir(), 'lab-incident-')), 15_000, 7);
    expect(logs.lines).toBeGreaterThan(14_000);
    const runs = runsDir();
    const r = await labAsync(['import', ...logs.files], runs);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const f of logs.files) expect(r.stdout).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (\\d+) of \\1 lines understood`, 'm'));
    expect(r.stdout).toMatch(/moss-fe2001\.journal\.json: \d+ of \d+ lines understood \(journald, host moss-fe2001\)/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^run: .*-import$/);
    const dir = join(runs, readdirSync(runs)[0]!);
    const meta = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(meta.mode).toBe('import');
    expect(meta.imported.files.map((f: { file: string }) => f.file)).toEqual(logs.files);
    // the stretch of 504 SI is on the two frontends that had it, with envoy's bytes; radosgw never logged those paths
    const events = eventsOf(dir);
    const stalls = logs.stalled['moss-fe2001']! + logs.stalled['moss-fe2002']!;
    // a line each, and the registry's error lines a log line besides
    expect(events).toHaveLength(logs.lines + stalls);
    expect(events.filter((e) => e.type === 'component.log' && e.component === 'registry' && e.level === 'error')).toHaveLength(stalls);
    const stalled = events.filter((e) => e.type === 'access' && e.status === 504 && e.flags === 'SI');
    expect(stalled.length).toBe(stalls);
    expect(new Set(stalled.map((e) => e.type === 'access' && e.host))).toEqual(new Set(['moss-fe2001', 'moss-fe2002']));
    expect(stalled.every((e) => e.type === 'access' && e.bytesIn === 0 && e.bytesOut === 14)).toBe(true);
    const rgwPaths = new Set(events.flatMap((e) => (e.type === 'access' && e.component === 'object-store' ? [e.path] : [])));
    expect(rgwPaths.size).toBeGreaterThan(1000);
    expect(stalled.some((e) => e.type === 'access' && rgwPaths.has(e.path))).toBe(false);
    // in time order across the files
    expect(events.every((e, i) => i === 0 || e.t >= events[i - 1]!.t - 1000)).toBe(true);
    // its index opens it as reading every line would, and its lanes are each host's components
    const indexed = new IndexedFile(join(dir, 'events.ndjson'));
    expect(existsSync(join(dir, 'events.idx'))).toBe(true);
    expect(indexed.length).toBe(events.length);
    expect(events.every((e, i) => indexed.t(i) === e.t)).toBe(true);
    for (const i of [0, 1, 7777, events.length - 1]) expect(indexed.event(i)).toEqual(events[i]);
    const memory = new MemorySource(events);
    for (const term of ['moss-fe2002', '504', 'SI', 'uploads/', 's3aws']) expect([...indexed.filter(term)], term).toEqual([...memory.filter(term)]);
    expect(indexed.filter('moss-fe2002').length).toBeGreaterThan(1000);
    const lanes = JSON.parse(readFileSync(join(dir, 'lanes.json'), 'utf8')) as { name: string }[];
    expect(lanes.map((l) => l.name)).toEqual([
      ...['moss-fe2001', 'moss-fe2002', 'moss-fe2003'].flatMap((h) => [`${h} object-store`, `${h} s3-front`]),
      'registry2001 registry',
      'registry2001 registry-front',
    ]);

    const analyzed = await labAsync(['analyze', dir], runs);
    expect(analyzed.status).toBe(0);
    expect(analyzed.stdout).toContain('✓ symptom s3-front flag SI');
    expect(analyzed.stdout).toMatch(/moss-fe200[12] s3-front PUT 504 SI/);

    const replay = await labAsync(['replay', dir, '--plain'], runs);
    expect(replay.status).toBe(0);
    const lane = (name: string) => replay.stdout.split('\n').find((l) => l.startsWith(name)) ?? '';
    expect(lane('moss-fe2001 s3-front')).toContain('!');
    expect(lane('moss-fe2002 s3-front')).toContain('!');
    expect(lane('moss-fe2003 s3-front')).toMatch(/^moss-fe2003 s3-front +=+$/);
    expect(lane('registry2001 registry ')).toContain('!');
  });

  it('counts and shows the lines it does not understand, and goes on', async () => {
    const logs = writeIncidentLogs(mkdtempSync(join(tmpdir(), 'lab-incident-')), 300, 2);
    const envoy = logs.files.find((f) => f.endsWith('moss-fe2001.global_tls.log'))!;
    appendFileSync(envoy, 'a line from somewhere else\nanother\n');
    const runs = runsDir();
    const r = await labAsync(['import', envoy], runs);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/: (\d+) of (\d+) lines understood \(envoy, host moss-fe2001\); not understood: 2, e\.g\. "a line from somewhere else"$/m);
  });

  it('rejects bad input with one line, before it writes a run', () => {
    const runs = runsDir();
    expect(lab(['import', 'no-such.log'], runs)).toMatchObject({ status: 2, stderr: 'lab: no-such.log: no such file\n' });
    expect(lab(['import', 'README.md', '--as', 'syslog'], runs).stderr).toMatch(/^lab: --as syslog: unknown format; known: journald, envoy, /);
    expect(lab(['import', 'package.json'], runs).stderr).toMatch(/^lab: package\.json: no line of its first 50 is in a format the lab reads/);
    expect(lab(['import'], runs).status).toBe(2);
    expect(existsSync(runs) ? readdirSync(runs) : []).toEqual([]);
  });
});

describe('lab compare', () => {
  it("holds stream-idle-504's chain against the incident's logs (every link), and another scenario's (none)", async () => {
    const logs = writeIncidentLogs(mkdtempSync(join(tmpdir(), 'lab-incident-')), 15_000, 3);
    const runs = runsDir();
    expect((await labAsync(['import', ...logs.files], runs)).status).toBe(0);
    const imported = join(runs, readdirSync(runs)[0]!);
    const stream = await scenarioRun('stream-idle-504');
    expect(stream.status).toBe(0);

    const r = await labAsync(['compare', stream.verdict.dir, imported], runs);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^stream-idle-504 \(.*\) against import \(.*-import\): 3 links$/m);
    for (const link of ['push-5xx-during-fault', 's3-front-idle-timeout-504', 'object-store-silent']) expect(r.stdout).toMatch(new RegExp(`^✓ ${link}: `, 'm'));
    // the 504 SI lines there are those of the two frontends that had them
    const stalls = logs.stalled['moss-fe2001']! + logs.stalled['moss-fe2002']!;
    expect(r.stdout).toContain(`there ✓ ${stalls} lines (moss-fe2001, moss-fe2002; s3-front; 504)`);
    expect(r.stdout).toMatch(/differs: median duration here [\d.]+ s, there 60\.00 s/);
    expect(r.stdout).toMatch(/^every link matches \(3\)$/m);

    const gc = await scenarioRun('gc-during-push');
    const other = await labAsync(['compare', gc.verdict.dir, imported], runs);
    expect(other.status).toBe(1);
    expect(other.stdout).toMatch(/^✗ gc-deleted-in-flight: /m);
    expect(other.stdout).toMatch(/^1 of 1 links do not match: gc-deleted-in-flight$/m);
  }, 400_000);
});
