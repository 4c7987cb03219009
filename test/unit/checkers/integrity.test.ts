import { describe, expect, it } from 'vitest';
import { integrity } from '../../../lab/checkers/integrity.ts';
import { history } from '../../../lab/history/history.ts';
import { build, complete, invoke } from '../events/build.ts';

const img = { repo: 'lab/a', tag: 'v1' };

describe('integrity', () => {
  it('holds when every pulled blob matches its digest', () => {
    const ops = history(
      build(
        [0, invoke(0, 'pull', img)],
        [10, complete(0, 'pull', 'ok', { value: { blobs: [{ digest: 'sha256:aa', actual: 'sha256:aa', size: 3 }, { digest: 'sha256:bb', actual: 'sha256:bb', size: 4 }] } })],
      ),
    );
    expect(integrity(ops)).toEqual({ valid: true, evidence: ['2 pulled blobs match their digests'] });
  });

  it('is violated by a mismatching blob even when the pull failed', () => {
    const ops = history(
      build(
        [0, invoke(3, 'pull', img)],
        [10, complete(3, 'pull', 'fail', { error: 'digest mismatch', value: { blobs: [{ digest: 'sha256:aa', actual: 'sha256:ff', size: 3 }] } })],
      ),
    );
    const r = integrity(ops);
    expect(r.valid).toBe(false);
    expect(r.evidence).toEqual(['op 3 (pull) lab/a: blob sha256:aa has sha256 sha256:ff (3 bytes)']);
  });

  it('is unknown when no blob was pulled', () => {
    const ops = history(build([0, invoke(0, 'push', img)], [10, complete(0, 'push', 'ok')], [20, invoke(1, 'pull', img)], [30, complete(1, 'pull', 'fail')]));
    expect(integrity(ops).valid).toBe('unknown');
  });
});
