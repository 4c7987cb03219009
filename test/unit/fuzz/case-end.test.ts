import { describe, expect, it } from 'vitest';
import { caseEnd } from '../../../lab/fuzz/case-end.ts';
import { Model } from '../../../lab/ops/model.ts';

describe('the end of a fuzz case', () => {
  it('heals what is active, then reads again what the registry acknowledged and nothing else', () => {
    const m = new Model('t');
    m.faults.add('timeout@rgw-link');
    const upload = (state: 'open' | 'committed' | 'broken', acked: number) => ({ repo: 't/u', data: Buffer.alloc(10), acked, state });
    m.uploads.push(upload('committed', 9), upload('open', -1), upload('broken', 4), upload('open', 4), upload('committed', 9));
    const image = (state: 'acked' | 'unknown' | 'failed' | 'deleted' | 'in-flight') => ({ repo: 't/i', tag: 'v1', digest: 'sha256:x', layers: [], state });
    m.images.push(image('failed'), image('acked'), image('deleted'), image('unknown'), image('acked'));
    expect(caseEnd(m)).toEqual([
      { cmd: 'heal', fault: 'timeout@rgw-link' },
      // indices among the open uploads, among all images, among the committed uploads: as the commands resolve them
      { cmd: 'upload-status', upload: 1 },
      { cmd: 'pull', image: 1 },
      { cmd: 'pull', image: 4 },
      { cmd: 'get-blob', upload: 0 },
      { cmd: 'get-blob', upload: 1 },
    ]);
  });

  it('reads each acknowledged thing as many times as it is asked to (reads that go to a random replica)', () => {
    const m = new Model('t');
    m.images.push({ repo: 't/i', tag: 'v1', digest: 'sha256:x', layers: [], state: 'acked' });
    m.uploads.push({ repo: 't/u', data: Buffer.alloc(1), acked: 0, state: 'committed' });
    expect(caseEnd(m, 3).map((c) => c.cmd)).toEqual(['pull', 'pull', 'pull', 'get-blob', 'get-blob', 'get-blob']);
  });

  it('has nothing to do after a case that acknowledged nothing', () => {
    expect(caseEnd(new Model('t'))).toEqual([]);
  });
});
