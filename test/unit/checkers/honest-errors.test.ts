import { describe, expect, it } from 'vitest';
import { honestErrors } from '../../../lab/checkers/honest-errors.ts';
import { history } from '../../../lab/history/history.ts';
import { build, complete, invoke } from '../events/build.ts';

const up = { repo: 'fuzz/c0/upload-0', upload: 0 };

describe('honest-errors', () => {
  it('is violated when a 202-acknowledged PATCH is gone at the next look', () => {
    const r = honestErrors(
      history(
        build(
          [0, invoke(0, 'upload-patch', { ...up, offset: 0, bytes: 300 })],
          [15_000, complete(0, 'upload-patch', 'ok', { value: { end: 299 } })],
          [15_100, invoke(1, 'upload-status', up)],
          [15_120, complete(1, 'upload-status', 'fail', { status: 404, error: 'GET /v2/x/blobs/uploads/u: HTTP 404 BLOB_UPLOAD_INVALID' })],
        ),
      ),
    );
    expect(r.valid).toBe(false);
    expect(r.ops).toEqual([1]);
    expect(r.evidence).toEqual(['op 0 PATCH of upload 0 got 202 with Range 0-299; op 1 upload-status then found HTTP 404 BLOB_UPLOAD_INVALID: the acknowledged bytes were not kept']);
  });

  it('is violated when the upload holds fewer bytes than acknowledged, valid when it holds them all', () => {
    const run = (end: number) =>
      honestErrors(history(build([0, invoke(0, 'upload-patch', up)], [1, complete(0, 'upload-patch', 'ok', { value: { end: 299 } })], [2, invoke(1, 'upload-status', up)], [3, complete(1, 'upload-status', 'ok', { value: { end } })])));
    expect(run(99).evidence[0]).toContain('found only 0-99');
    expect(run(99).valid).toBe(false);
    expect(run(299).valid).toBe(true);
  });

  it('learns nothing from an info look or from a PATCH that was not acknowledged', () => {
    expect(
      honestErrors(history(build([0, invoke(0, 'upload-patch', up)], [1, complete(0, 'upload-patch', 'ok', { value: { end: 9 } })], [2, invoke(1, 'upload-commit', up)], [3, complete(1, 'upload-commit', 'info', { status: 500 })]))).valid,
    ).toBe('unknown');
    expect(
      honestErrors(history(build([0, invoke(0, 'upload-patch', up)], [1, complete(0, 'upload-patch', 'info', { status: 500 })], [2, invoke(1, 'upload-commit', up)], [3, complete(1, 'upload-commit', 'fail', { status: 404 })]))).valid,
    ).toBe('unknown');
  });
});
