// One blob upload in steps, so that a fault can fall between them: start, patch a chunk, commit; and the
// status the end of a case asks for every upload still open.
import { seededBytes, sha256 } from '../../../fixtures/image.ts';
import type { Executor } from '../executor.ts';
import type { Model, UploadState } from '../model.ts';

function openUpload(m: Model, n: number): [number, UploadState] | undefined {
  const live = m.uploads.map((u, i) => [i, u] as [number, UploadState]).filter(([, u]) => u.state === 'open');
  return live.length === 0 ? undefined : live[n % live.length];
}

export const uploadStart: Executor<'upload-start'> = {
  applies: () => true,
  async run(_c, m, s) {
    const upload = m.uploads.length;
    const repo = `${m.ns}/upload-${upload}`;
    const u: UploadState = { repo, data: Buffer.alloc(0), acked: -1, state: 'broken' };
    m.uploads.push(u);
    await s.ops.run('upload-start', { repo, upload }, async (client) => {
      s.locations[upload] = await client.startUpload(repo);
      u.state = 'open';
      return { outcome: 'ok' };
    });
  },
};

export const uploadPatch: Executor<'upload-patch'> = {
  applies: (c, m) => openUpload(m, c.upload) !== undefined,
  async run(c, m, s) {
    const [upload, u] = openUpload(m, c.upload)!;
    const chunk = seededBytes(`${s.seed}:${u.repo}:${u.data.length}`, c.bytes);
    const offset = u.data.length;
    u.data = Buffer.concat([u.data, chunk]);
    const done = await s.ops.run('upload-patch', { repo: u.repo, upload, offset, bytes: c.bytes }, async (client) => {
      const r = await client.patchUpload(s.locations[upload]!, chunk, offset);
      s.locations[upload] = r.location;
      u.acked = r.end;
      return { outcome: 'ok', value: { end: r.end } };
    });
    if (done.outcome !== 'ok') u.state = 'broken';
  },
};

export const uploadCommit: Executor<'upload-commit'> = {
  applies: (c, m) => openUpload(m, c.upload) !== undefined && openUpload(m, c.upload)![1].data.length > 0,
  async run(c, m, s) {
    const [upload, u] = openUpload(m, c.upload)!;
    const digest = sha256(u.data);
    const done = await s.ops.run('upload-commit', { repo: u.repo, upload, digest }, async (client) => {
      await client.commitUpload(s.locations[upload]!, digest);
      return { outcome: 'ok', value: { end: u.data.length - 1 } };
    });
    u.state = done.outcome === 'ok' ? 'committed' : 'broken';
  },
};

/** GETs the blob a committed upload made, hashing every byte. */
export const getBlob: Executor<'get-blob'> = {
  applies: (c, m) => m.uploads.some((u) => u.state === 'committed'),
  async run(c, m, s) {
    const done = m.uploads.filter((u) => u.state === 'committed');
    const u = done[c.upload % done.length]!;
    const digest = sha256(u.data);
    await s.ops.run('get-blob', { repo: u.repo, digest }, async (client) => {
      const blob = await client.fetchBlob(u.repo, digest);
      return blob.actual === digest ? { outcome: 'ok', value: { blobs: [blob] } } : { outcome: 'fail', value: { blobs: [blob] }, error: 'bytes do not match their digest' };
    });
  },
};

/** Asks the registry what it still holds of an upload. */
export const uploadStatus: Executor<'upload-status'> = {
  applies: (c, m) => openUpload(m, c.upload) !== undefined,
  async run(c, m, s) {
    const [upload, u] = openUpload(m, c.upload)!;
    await s.ops.run('upload-status', { repo: u.repo, upload }, async (client) => ({ outcome: 'ok', value: { end: await client.uploadStatus(s.locations[upload]!) } }));
  },
};

/** The status of every open upload the registry acknowledged bytes of: what the end of a case looks at. */
export function openUploadChecks(m: Model): { cmd: 'upload-status'; upload: number }[] {
  const live = m.uploads.filter((u) => u.state === 'open');
  return live.flatMap((u, i) => (u.acked >= 0 ? [{ cmd: 'upload-status' as const, upload: i }] : []));
}
