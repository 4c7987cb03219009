import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../../faults/index.ts';
import { judge } from '../../../lab/checks/verdict.ts';
import { ScenarioError } from '../../../lab/core/errors.ts';
import { readEvents } from '../../../lab/core/events/log.ts';
import { metaOf, readFailure, readRunJson, readVerdict } from '../../../lab/core/run-files.ts';
import { definitionOf } from '../../../lab/scenario/load.ts';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures', 'runs');

describe('run files', () => {
  it('reads a run.json written before products and links were recorded, from its definition', () => {
    const run = readRunJson(join(FIXTURES, 'stream-idle-504'));
    expect(run).toMatchObject({ id: '20261122-065023-stream-idle-504', mode: 'scenario', seed: 5, variant: null });
    expect(run.products).toEqual({ 'registry-front': 'nginx', registry: 'distribution', 's3-front': 'envoy', 'object-store': 'ceph', cache: 'redis' });
    expect(run.links).toEqual({ 'rgw-link': { from: 's3-front', to: 'object-store' } });
    expect(metaOf(run).backend).toBe('ceph, envoy');
  });

  it('reads a verdict.json that kept symptoms apart, as one family of checks', () => {
    const v = readVerdict(join(FIXTURES, 'stream-idle-504'));
    expect(v.verdict).toBe('reproduced');
    expect(v.checks['s3-front-idle-timeout-504']).toMatchObject({ kind: 'symptom', valid: true, seqs: [532, 533, 534, 546] });
    expect(v.checks.durability).toMatchObject({ kind: 'invariant', valid: true });
  });

  it('judges the stored run as it was judged when it ran (its evidence from the scenario file, which it predates)', async () => {
    const dir = join(FIXTURES, 'stream-idle-504');
    const again = judge(await definitionOf(readRunJson(dir)), readEvents(join(dir, 'events.ndjson')).events);
    const stored = readVerdict(dir);
    expect(again.verdict).toBe(stored.verdict);
    // every check it had then (it ran before some invariants existed) finds the same
    const then = Object.entries(stored.checks);
    expect(then.length).toBeGreaterThanOrEqual(5);
    for (const [name, c] of then) expect([name, again.checks[name]?.valid]).toEqual([name, c.valid]);
  });

  it('reads a fuzz failure', () => {
    expect(readFailure(join(FIXTURES, 'fuzz-failure'))).toMatchObject({ backend: 'ceph', seed: 1764260772, checker: 'honest-errors', faults: ['timeout'] });
  });

  it('says which file and field is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-run-files-'));
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ id: 3, definition: {} }));
    expect(() => readRunJson(dir)).toThrow(ScenarioError);
    expect(() => readRunJson(dir)).toThrow(/run\.json: id: Expected string, received number$/);
    expect(() => readVerdict(dir)).toThrow(/verdict\.json: no such file$/);
  });
});
