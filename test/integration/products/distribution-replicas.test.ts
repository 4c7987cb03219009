// Two Distribution 2.8 replicas on one filesystem storage behind nginx (round-robin), as a load balancer runs
// them: with one http.secret a chunked upload may go to any replica at every step; with one secret each, the
// replica that did not sign the upload state refuses it (BLOB_UPLOAD_INVALID), the classic bug behind an LB.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImage } from '../../../fixtures/image.ts';
import { OciClient, RegistryError } from '../../../lab/clients/oci.ts';
import type { EventOf } from '../../../lab/core/events/schema.ts';
import { GARBAGE_COLLECT } from '../../../lab/products/capabilities.ts';
import type { TopologyInput } from '../../../lab/scenario/schema.ts';
import { startTopology, type Started } from '../stack.ts';

const topology = (secret: 'shared' | 'per-replica'): TopologyInput => ({
  'registry-front': { product: 'nginx' },
  registry: { product: 'distribution', version: '2.8', storage: 'filesystem', replicas: 2, secret },
});

const secretOf = (file: string) => /^ {2}secret: (\S+)$/m.exec(readFileSync(file, 'utf8'))?.[1];

/** The front's access lines for upload requests: which replica answered each, with its status. */
async function uploadsSeen(started: Started, repo: string): Promise<{ method: string; upstream: string | undefined; status: number }[]> {
  await new Promise((r) => setTimeout(r, 500)); // the access log is followed, not read synchronously
  return started.events
    .filter((e): e is EventOf<'access'> => e.type === 'access' && e.component === 'registry-front' && e.path.startsWith(`/v2/${repo}/blobs/uploads/`))
    .map((e) => ({ method: e.method, upstream: e.upstream, status: e.status }));
}

/** POST, two PATCHes and the PUT of one blob: round-robin sends consecutive steps to different replicas. */
async function chunkedUpload(client: OciClient, repo: string): Promise<string> {
  const blob = generateImage(repo, ['64KiB']).layers[0]!;
  let at = await client.startUpload(repo);
  at = (await client.patchUpload(at, blob.data.subarray(0, 32 * 1024), 0)).location;
  at = (await client.patchUpload(at, blob.data.subarray(32 * 1024), 32 * 1024)).location;
  await client.commitUpload(at, blob.digest);
  return blob.digest;
}

/** The topology started before the tests of a describe, and stopped (its directory removed) after them. */
function running(secret: 'shared' | 'per-replica'): { started: Started; client: OciClient } {
  const r = {} as { started: Started; client: OciClient };
  beforeAll(async () => {
    r.started = await startTopology(topology(secret));
    r.client = new OciClient({ baseUrl: r.started.stack.get('registry-front').endpoint, timeoutMs: 30_000 });
  });
  afterAll(async () => {
    await r.started?.[Symbol.asyncDispose]();
    if (r.started) rmSync(r.started.dir, { recursive: true, force: true });
  });
  return r;
}

describe('two registry replicas with one shared secret', () => {
  const r = running('shared');

  it('runs each replica as its own process on its own port and config, with the same secret', () => {
    const registry = r.started.stack.get('registry');
    expect(registry.portOf('r1')).toBe(registry.port);
    expect(registry.portOf('r2')).not.toBe(registry.port);
    const dir = join(r.started.dir, 'registry');
    expect(secretOf(join(dir, 'config-r1.yml'))).toMatch(/^[0-9a-f]{32}$/);
    expect(secretOf(join(dir, 'config-r2.yml'))).toBe(secretOf(join(dir, 'config-r1.yml')));
    const ready = r.started.events.filter((e) => e.type === 'component.starting' && e.component === 'registry');
    expect(ready).toHaveLength(2);
  });

  it('completes a chunked upload whose steps go to different replicas', async () => {
    const digest = await chunkedUpload(r.client, 'lab/shared');
    expect(await r.client.headBlob('lab/shared', digest)).toBe(true);
    const seen = await uploadsSeen(r.started, 'lab/shared');
    expect(seen.map((s) => `${s.method} ${s.status}`)).toEqual(['POST 202', 'PATCH 202', 'PATCH 202', 'PUT 201']);
    // round-robin: every step on the other replica than the step before
    const replicas = seen.map((s) => s.upstream?.split(' ')[0]);
    expect(new Set(replicas)).toEqual(new Set(['registry:r1', 'registry:r2']));
    for (let i = 1; i < replicas.length; i++) expect(replicas[i]).not.toBe(replicas[i - 1]);
    // and each replica's own access lines name it
    const own = r.started.events.filter(
      (e): e is EventOf<'access'> => e.type === 'access' && e.component === 'registry' && e.path.startsWith('/v2/lab/shared/blobs/uploads/'),
    );
    expect(own.map((e) => e.upstream).sort()).toEqual(['r1', 'r1', 'r2', 'r2']);
  });

  it('restarts every replica (as a process fault heals), and collects garbage with r1 config', async () => {
    await r.started.stack.get('registry').restart();
    expect(r.started.events.filter((e) => e.type === 'component.starting' && e.component === 'registry')).toHaveLength(4);
    const digest = await chunkedUpload(r.client, 'lab/again');
    expect(await r.client.headBlob('lab/again', digest)).toBe(true);
    const out = await r.started.stack.capable('registry', GARBAGE_COLLECT).garbageCollect(true);
    expect(out).toMatch(/blobs marked/);
  });
});

describe('two registry replicas with a secret each', () => {
  const r = running('per-replica');

  it('gives each replica its own secret', () => {
    const dir = join(r.started.dir, 'registry');
    const [a, b] = [secretOf(join(dir, 'config-r1.yml')), secretOf(join(dir, 'config-r2.yml'))];
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });

  it('fails the chunked upload: the other replica refuses the upload state', async () => {
    const e = await chunkedUpload(r.client, 'lab/split').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(RegistryError);
    expect((e as RegistryError).code).toMatch(/^BLOB_UPLOAD_(INVALID|UNKNOWN)$/);
    const seen = await uploadsSeen(r.started, 'lab/split');
    expect(seen[0]).toMatchObject({ method: 'POST', status: 202 });
    const refused = seen.find((s) => s.status >= 400)!;
    expect(refused.upstream?.split(' ')[0]).not.toBe(seen[0]!.upstream?.split(' ')[0]);
  });

  it('refuses a monolithic upload too: its PUT goes to the other replica than its POST', async () => {
    const blob = generateImage('mono', ['small']).layers[0]!;
    const e = await r.client.uploadBlob('lab/mono', blob).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(RegistryError);
    expect((e as RegistryError).code).toMatch(/^BLOB_UPLOAD_(INVALID|UNKNOWN)$/);
  });
});
