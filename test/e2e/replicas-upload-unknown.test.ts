// replicas-upload-unknown on the real programs (nginx before two Distribution replicas): a scenario whose
// expectations are all data. With a secret per replica every push fails halfway with 404; with one shared
// secret the uploads spread over both replicas and every push pulls back.
import { describe, expect, it } from 'vitest';
import { alive, scenarioRun, started } from './lab-cli.ts';

describe('replicas-upload-unknown', () => {
  it('reproduces: the upload begun on one replica is refused by the other', async () => {
    const { status, verdict, ops, events } = await scenarioRun('replicas-upload-unknown');
    expect(verdict.verdict, verdict.reason).toBe('reproduced');
    expect(status).toBe(0);
    const pushes = ops.filter((o) => o.kind === 'push');
    expect(pushes.map((o) => `${o.outcome} ${o.status}`)).toEqual(['fail 404', 'fail 404']);
    const refused = verdict.checks['started-on-one-refused-by-the-other'];
    expect(refused.valid).toBe(true);
    expect(refused.evidence.find((l: string) => l.startsWith('refused by r2: '))).toMatch(/^refused by r2: [1-9]\d* registry-front PATCH\|PUT 404 /);
    expect(refused.seqs.length).toBeGreaterThanOrEqual(2);
    // two replica processes ran, and none is left
    const registries = started(events).filter((p) => p.component === 'registry');
    expect(registries).toHaveLength(2);
    expect(registries.filter((p) => alive(p.pid))).toEqual([]);
  });

  it('holds with a shared secret: both replicas take uploads and every push pulls back', async () => {
    const { status, verdict, ops } = await scenarioRun('replicas-upload-unknown', 'shared-secret');
    expect(verdict.verdict, verdict.reason).toBe('holds');
    expect(status).toBe(0);
    expect(ops.filter((o) => o.kind === 'push' && o.outcome === 'ok')).toHaveLength(2);
    expect(verdict.checks['spread-over-both'].evidence.filter((l: string) => /^r[12]: [1-9]\d* /.test(l))).toHaveLength(2);
    expect(verdict.checks.durability.valid).toBe(true);
  });
});
