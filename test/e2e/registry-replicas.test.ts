// Registry replicas behind nginx with the real CLI: a chunked upload (POST, PATCH, PATCH, PUT, each step on
// the other replica) completes when the replicas share http.secret and fails when each has its own.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventOf, LabEvent } from '../../lab/core/events/schema.ts';
import { scenarioRun } from './lab-cli.ts';

const SCENARIO = resolve(import.meta.dirname, '..', 'fixtures', 'scenarios', 'registry-replicas.ts');

/** Each upload request as the front's access lines record it: method, the replica it went to, status. */
const uploads = (events: readonly LabEvent[]) =>
  events
    .filter((e): e is EventOf<'access'> => e.type === 'access' && e.component === 'registry-front' && e.path.includes('/blobs/uploads/'))
    .map((e) => ({ method: e.method, replica: /^registry:(r[12]) /.exec(e.upstream ?? '')?.[1], status: e.status }));

describe('registry replicas behind the registry-front', () => {
  it('with a shared secret the chunked upload completes across both replicas', async () => {
    const { status, verdict, ops, events } = await scenarioRun(SCENARIO);
    expect(status).toBe(0);
    expect(ops.map((o) => `${o.kind} ${o.outcome}`)).toEqual(['upload-start ok', 'upload-patch ok', 'upload-patch ok', 'upload-commit ok']);
    expect(verdict.checks['honest-errors'].valid).toBe(true);
    const seen = uploads(events);
    expect(seen.map((u) => `${u.method} ${u.status}`)).toEqual(['POST 202', 'PATCH 202', 'PATCH 202', 'PUT 201']);
    expect(seen.every((u) => u.replica)).toBe(true);
    // round-robin: every step on the other replica than the step before
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.replica).not.toBe(seen[i - 1]!.replica);
  });

  it('with a secret per replica the other replica refuses the upload (BLOB_UPLOAD_INVALID)', async () => {
    const { status, ops, events } = await scenarioRun(SCENARIO, 'per-replica');
    expect(status).toBe(0);
    expect(ops[0]).toMatchObject({ kind: 'upload-start', outcome: 'ok' });
    expect(ops[1]).toMatchObject({ kind: 'upload-patch', outcome: 'fail', status: 404 });
    expect(ops[1]!.error).toMatch(/BLOB_UPLOAD_(INVALID|UNKNOWN)/);
    // the upload is broken: nothing was committed
    expect(ops.filter((o) => o.kind === 'upload-commit' && o.outcome === 'ok')).toHaveLength(0);
    const [post, patch] = uploads(events);
    expect(post).toMatchObject({ method: 'POST', status: 202 });
    expect(patch).toMatchObject({ method: 'PATCH', status: 404 });
    expect(post!.replica).toBeDefined();
    expect(patch!.replica).toBeDefined();
    expect(patch!.replica).not.toBe(post!.replica);
  });
});
