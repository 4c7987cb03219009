// swift-replica-down on the real Swift stack: the evidence (which replica, which status, which bytes), and
// the mitigation (a container-replicator pass) under which every pull is intact.
import { describe, expect, it } from 'vitest';
import type { EventOf, LabEvent } from '../../lab/core/events/schema.ts';
import { history } from '../../lab/ops/history.ts';
import { scenarioRun } from './lab-cli.ts';

const run = (variant?: string) => scenarioRun('swift-replica-down', variant, 180_000, 4);

const http = (events: LabEvent[]) => events.filter((e): e is EventOf<'http'> => e.type === 'http');

describe('swift-replica-down', () => {
  it('reproduces: o3 took no writes, a container replica missed the listing, pulls got 200 with no bytes', async () => {
    const { status, verdict, events } = await run();
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('reproduced');
    const missed = verdict.checks['container-listing-missed'];
    expect(missed.valid).toBe(true);
    expect(missed.evidence[0]).toMatch(
      /^during fault o3-down: object servers took o1 \d+, o2 \d+, o3 0 PUTs; container replicas took c1 \d+, c2 \d+, c3 \d+ listing updates: c\d missed \d+$/,
    );
    expect(events.find((e) => e.type === 'fault.applied' && e.fault === 'o3-down')).toMatchObject({ kind: 'link-down', detail: { enabled: false } });
    const ops = history(events);
    expect(ops.find((o) => o.kind === 'push')).toMatchObject({ outcome: 'ok' });
    const broken = ops.filter((o) => o.kind === 'pull' && o.outcome === 'fail');
    expect(broken.length).toBeGreaterThan(0);
    expect(verdict.checks.integrity.valid).toBe(false);
    expect(verdict.checks.integrity.evidence[0]).toMatch(/blob sha256:[0-9a-f]{64} has sha256 cut short after 0 bytes/);
    // the registry answered 200 for that blob and sent nothing
    const cut = http(events).filter((e) => broken.some((o) => o.op === e.op) && e.status === 200 && e.path.includes('/blobs/') && e.received === 0);
    expect(cut.length).toBeGreaterThan(0);
  });

  it('holds with a container-replicator pass before pulling', async () => {
    const { status, verdict, events } = await run('mitigated');
    expect(status).toBe(0);
    expect(verdict.verdict).toBe('holds');
    const pass = events.find((e) => e.type === 'fault.action' && e.fault === 'replicate');
    expect(pass).toMatchObject({ kind: 'daemon-pass', targets: [{ component: 'object-store', resource: 'container-replicator' }] });
    const pulls = history(events).filter((o) => o.kind === 'pull');
    expect(pulls).toHaveLength(6);
    expect(pulls.every((o) => o.outcome === 'ok' && pulls[0]!.value?.digest === o.value?.digest)).toBe(true);
    expect(verdict.checks['read-your-writes'].valid).toBe(true);
  });
});
