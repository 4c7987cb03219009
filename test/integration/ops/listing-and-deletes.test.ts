// The catalog, tags, head-manifest and delete-blob ops against a real Docker Distribution (2.8 and 3) on
// filesystem storage, run as commands against a model, as a scenario's workload runs them.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImage } from '../../../fixtures/image.ts';
import { OciClient } from '../../../lab/clients/oci.ts';
import { EventLog } from '../../../lab/core/events/log.ts';
import type { LabEvent } from '../../../lab/core/events/schema.ts';
import { OpContext } from '../../../lab/ops/context.ts';
import { history, type Op } from '../../../lab/ops/history.ts';
import { type CommandInput, execute } from '../../../lab/ops/index.ts';
import { Model } from '../../../lab/ops/model.ts';
import { Recorder } from '../../../lab/ops/recorder.ts';
import { startTopology, type Started } from '../stack.ts';

/** Commands here apply no fault. */
const NO_FAULTS = { apply: async () => ({ ok: false }), heal: async () => ({ ok: false }), isAction: () => false };

describe.each(['2.8', '3'] as const)('listing and deleting ops against Distribution %s', (version) => {
  let started: Started;
  let log: EventLog;
  let ctx: OpContext;
  let client: OciClient;
  const model = new Model('it');
  const events: LabEvent[] = [];

  /** Runs one command; returns its op as the history types it, and the HTTP exchanges it made. */
  async function run(c: CommandInput): Promise<{ op: Op; http: Extract<LabEvent, { type: 'http' }>[] }> {
    const from = events.length;
    await execute(c as { cmd: string } & Record<string, unknown>, model, ctx);
    const mine = events.slice(from);
    const op = history(mine).at(-1)!;
    return { op, http: mine.filter((e): e is Extract<LabEvent, { type: 'http' }> => e.type === 'http') };
  }

  beforeAll(async () => {
    started = await startTopology({ registry: { product: 'distribution', version, storage: 'filesystem' } });
    const endpoint = started.stack.get('registry').endpoint;
    log = new EventLog(join(started.dir, 'ops.ndjson'));
    log.subscribe((e) => events.push(e));
    ctx = new OpContext(started.stack, new Recorder(endpoint, log, new AbortController().signal), log, NO_FAULTS, 1);
    client = new OciClient({ baseUrl: endpoint, timeoutMs: 30_000 });
    for (let i = 0; i < 3; i++) await run({ cmd: 'push', layers: ['small', '4KiB'] });
    // two more tags in the first image's repository
    for (const tag of ['v2', 'v3']) await client.pushImage('it/image-0', tag, generateImage(`tag-${tag}`, ['small']));
  });

  afterAll(async () => {
    log?.close();
    await started?.[Symbol.asyncDispose]();
    if (started) rmSync(started.dir, { recursive: true, force: true });
  });

  it('pushed three images, acknowledged', () => {
    expect(model.images.map((i) => `${i.repo}:${i.tag} ${i.state}`)).toEqual(['it/image-0:v1 acked', 'it/image-1:v1 acked', 'it/image-2:v1 acked']);
  });

  it('lists the catalog two at a time, following the Link to the last page', async () => {
    const { op, http } = await run({ cmd: 'catalog', n: 2, all: true });
    expect(op).toMatchObject({ kind: 'catalog', outcome: 'ok', args: { n: 2, all: true } });
    expect(op.value).toEqual({ repositories: ['it/image-0', 'it/image-1', 'it/image-2'], pages: 2, more: false });
    expect(http.map((h) => `${h.status} ${h.path}`)).toEqual(['200 /v2/_catalog?n=2', '200 /v2/_catalog?last=it%2Fimage-1&n=2']);
  });

  it('lists one page of the catalog unless asked for all, after `last` when given', async () => {
    expect((await run({ cmd: 'catalog', n: 2 })).op.value).toEqual({ repositories: ['it/image-0', 'it/image-1'], pages: 1, more: true });
    expect((await run({ cmd: 'catalog', n: 1, last: 'it/image-0' })).op.value).toEqual({ repositories: ['it/image-1'], pages: 1, more: true });
    expect((await run({ cmd: 'catalog', n: 5, last: 'it/image-1' })).op.value).toEqual({ repositories: ['it/image-2'], pages: 1, more: false });
    expect((await run({ cmd: 'catalog' })).op.value).toEqual({ repositories: ['it/image-0', 'it/image-1', 'it/image-2'], pages: 1, more: false });
  });

  it(
    version === '2.8' ? 'lists every tag of a repository at once: 2.8 ignores n and last on tags' : 'lists the tags of a repository in pages of n, after last',
    async () => {
      const all = await run({ cmd: 'tags', image: 0, n: 2, all: true });
      expect(all.op).toMatchObject({ kind: 'tags', outcome: 'ok', args: { repo: 'it/image-0', n: 2, all: true } });
      const onePage = (await run({ cmd: 'tags', repo: 'it/image-0', n: 2 })).op.value;
      const after = (await run({ cmd: 'tags', repo: 'it/image-0', n: 1, last: 'v1' })).op.value;
      if (version === '2.8') {
        expect(all.op.value).toEqual({ tags: ['v1', 'v2', 'v3'], pages: 1, more: false });
        expect(all.http.map((h) => h.path)).toEqual(['/v2/it/image-0/tags/list?n=2']);
        expect(onePage).toEqual({ tags: ['v1', 'v2', 'v3'], pages: 1, more: false });
        expect(after).toEqual({ tags: ['v1', 'v2', 'v3'], pages: 1, more: false });
      } else {
        expect(all.op.value).toEqual({ tags: ['v1', 'v2', 'v3'], pages: 2, more: false });
        expect(all.http.map((h) => h.path)).toEqual(['/v2/it/image-0/tags/list?n=2', '/v2/it/image-0/tags/list?last=v2&n=2']);
        expect(onePage).toEqual({ tags: ['v1', 'v2'], pages: 1, more: true });
        expect(after).toEqual({ tags: ['v2'], pages: 1, more: true });
      }
      expect((await run({ cmd: 'tags', image: 1 })).op.value).toEqual({ tags: ['v1'], pages: 1, more: false });
    },
  );

  it('fails the tags of a repository the registry does not know with 404 NAME_UNKNOWN', async () => {
    const { op } = await run({ cmd: 'tags', repo: 'it/never-pushed' });
    expect(op).toMatchObject({ outcome: 'fail', status: 404 });
    expect(op.error).toContain('NAME_UNKNOWN');
  });

  it("HEADs an image's manifest: its digest and size; absent under a tag never pushed", async () => {
    const image = model.images[1]!;
    const manifest = await client.getManifest(image.repo, image.tag);
    const there = await run({ cmd: 'head-manifest', image: 1 });
    expect(there.op).toMatchObject({ kind: 'head-manifest', outcome: 'ok', args: { repo: 'it/image-1', tag: 'v1' } });
    expect(there.op.value).toEqual({ exists: true, digest: image.digest, size: manifest.body.length });
    expect(there.http.map((h) => `${h.method} ${h.status}`)).toEqual(['HEAD 200']);

    const absent = await run({ cmd: 'head-manifest', image: 1, tag: 'absent' });
    expect(absent.op).toMatchObject({ outcome: 'ok', args: { repo: 'it/image-1', tag: 'absent' }, value: { exists: false } });
    expect(absent.http.map((h) => `${h.method} ${h.status}`)).toEqual(['HEAD 404']);
    expect((await run({ cmd: 'head-manifest', repo: 'it/never-pushed', tag: 'v1' })).op.value).toEqual({ exists: false });
  });

  it('deletes a layer with 202: the model no longer expects the image whole, and its pull fails BLOB_UNKNOWN', async () => {
    const image = model.images[2]!;
    const layer = image.layers[1]!;
    const { op, http } = await run({ cmd: 'delete-blob', image: 2, layer: 1 });
    expect(op).toMatchObject({ kind: 'delete-blob', outcome: 'ok', args: { repo: 'it/image-2', tag: 'v1', digest: layer.digest } });
    expect(http.map((h) => `${h.method} ${h.status} ${h.path}`)).toEqual([`DELETE 202 /v2/it/image-2/blobs/${layer.digest}`]);
    expect(model.images.map((i) => i.state)).toEqual(['acked', 'acked', 'deleted']);
    expect(await client.headBlob('it/image-2', layer.digest)).toBe(false);
    // only that repository lost it: the blob is still served where another image links it
    expect(await client.headBlob('it/image-2', image.layers[0]!.digest)).toBe(true);

    const pull = await run({ cmd: 'pull', image: 2 });
    expect(pull.op).toMatchObject({ kind: 'pull', outcome: 'fail', status: 404 });
    expect(pull.op.error).toContain('BLOB_UNKNOWN');
  });

  it('fails a delete of a layer already deleted with 404 BLOB_UNKNOWN, leaving the model as it was', async () => {
    const before = model.images.map((i) => i.state);
    const { op } = await run({ cmd: 'delete-blob', image: 2, layer: 1 });
    expect(op).toMatchObject({ outcome: 'fail', status: 404 });
    expect(op.error).toContain('BLOB_UNKNOWN');
    expect(model.images.map((i) => i.state)).toEqual(before);
  });
});
