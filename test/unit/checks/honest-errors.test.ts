import { describe, expect, it } from 'vitest';
import { build, complete, invoke } from '../core/events/build.ts';
import { checkOn } from './run.ts';

const up = { repo: 'fuzz/c0/upload-0', upload: 0 };
const patch = (op: number, u = up) => invoke(op, 'upload-patch', { ...u, offset: 0, bytes: 300 });

describe('honest-errors', () => {
  it('is violated when a 202-acknowledged PATCH is gone at the next look', () => {
    const r = checkOn(
      'honest-errors',
      build(
        [0, patch(0)],
        [15_000, complete(0, 'upload-patch', 'ok', { value: { end: 299 } })],
        [15_100, invoke(1, 'upload-status', up)],
        [15_120, complete(1, 'upload-status', 'fail', { status: 404, error: 'GET /v2/x/blobs/uploads/u: HTTP 404 BLOB_UPLOAD_INVALID' })],
      ),
    );
    expect(r.valid).toBe(false);
    expect(r.ops).toEqual([1]);
    expect(r.evidence).toEqual([
      'op 0 PATCH of upload 0 (fuzz/c0/upload-0) got 202 with Range 0-299; op 1 upload-status then found HTTP 404 BLOB_UPLOAD_INVALID: the acknowledged bytes were not kept',
    ]);
  });

  it('is violated when the upload holds fewer bytes than acknowledged, valid when it holds them all', () => {
    const run = (end: number) =>
      checkOn(
        'honest-errors',
        build(
          [0, patch(0)],
          [1, complete(0, 'upload-patch', 'ok', { value: { end: 299 } })],
          [2, invoke(1, 'upload-status', up)],
          [3, complete(1, 'upload-status', 'ok', { value: { end } })],
        ),
      );
    expect(run(99).evidence[0]).toContain('found only 0-99');
    expect(run(99).valid).toBe(false);
    expect(run(299).valid).toBe(true);
  });

  it('tells apart uploads of the same number in other repositories (another fuzz case)', () => {
    const other = { repo: 'fuzz/c1/upload-0', upload: 0 };
    const r = checkOn(
      'honest-errors',
      build(
        [0, patch(0)],
        [1, complete(0, 'upload-patch', 'ok', { value: { end: 299 } })],
        [2, invoke(1, 'upload-status', other)],
        [3, complete(1, 'upload-status', 'fail', { status: 404, error: 'HTTP 404 BLOB_UPLOAD_UNKNOWN' })],
      ),
    );
    expect(r.valid).toBe('unknown');
  });

  it('learns nothing from an info look or from a PATCH that was not acknowledged', () => {
    const commit = { ...up, digest: 'sha256:aa' };
    expect(
      checkOn(
        'honest-errors',
        build(
          [0, patch(0)],
          [1, complete(0, 'upload-patch', 'ok', { value: { end: 9 } })],
          [2, invoke(1, 'upload-commit', commit)],
          [3, complete(1, 'upload-commit', 'info', { status: 500 })],
        ),
      ).valid,
    ).toBe('unknown');
    expect(
      checkOn(
        'honest-errors',
        build(
          [0, patch(0)],
          [1, complete(0, 'upload-patch', 'info', { status: 500 })],
          [2, invoke(1, 'upload-commit', commit)],
          [3, complete(1, 'upload-commit', 'fail', { status: 404 })],
        ),
      ).valid,
    ).toBe('unknown');
  });

  it('is violated by a HEAD that answers 200 for a blob garbage collection deleted', () => {
    const head = { repo: 'lab/a', tag: 'v1', digest: 'sha256:bb' };
    const events = build(
      [0, invoke(0, 'gc', { dryRun: false })],
      [10, complete(0, 'gc', 'ok', { value: { deleted: ['sha256:bb'] } })],
      [20, invoke(1, 'head', head)],
      [30, complete(1, 'head', 'ok', { value: { exists: true } })],
    );
    expect(checkOn('honest-errors', events)).toMatchObject({
      valid: false,
      ops: [1],
      evidence: ['op 0 gc deleted sha256:bb; op 1 HEAD lab/a still got 200 for it'],
    });
  });
});
