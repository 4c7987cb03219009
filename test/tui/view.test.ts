import { describe, expect, it } from 'vitest';
import { INITIAL } from '../../tui/store.ts';
import { clip, screen, type Row } from '../../tui/view.ts';
import { fixtureStore } from './fixture.ts';

const text = (r: Row) => r.map((x) => x.text).join('');

function draw(width: number, height: number, state = {}) {
  const store = fixtureStore();
  const snap = store.getSnapshot();
  return screen({ meta: store.meta, timeline: snap.timeline, source: store.source, state: { ...INITIAL, ...state }, visible: snap.visible, width, height });
}

describe('screen', () => {
  it('fills 80x24 exactly: header, one lane per component, faults, op kinds, findings, axis, detail, help', () => {
    const s = draw(80, 24);
    const rows = [...s.header, ...s.lanes, ...s.detail, s.help];
    expect(rows.length).toBe(24);
    for (const r of rows) expect([...text(r)].length).toBeLessThanOrEqual(80);
    expect(s.lanes.map((r) => text(r).slice(0, 15).trim())).toEqual([
      'cache',
      'fault-proxy',
      's3-front',
      'registry',
      'registry-front',
      'object-store',
      'faults',
      'push',
      'pull',
      'findings',
      '',
    ]);
    expect(text(s.header[1]!)).toMatch(/^verdict: reproduced {2}t 0\.00s \/ 11\.35s {2}paused x1 {2}event 1\/985/);
  });

  it('says every outcome with a letter, not only a colour', () => {
    const s = draw(80, 24);
    const push = text(s.lanes.find((r) => text(r).startsWith('push'))!);
    expect(push).toMatch(/o+i+o+/);
    expect(text(s.lanes.find((r) => text(r).startsWith('pull'))!)).toMatch(/o\s*f|of/);
    expect(text(s.lanes.find((r) => text(r).startsWith('s3-front'))!)).toMatch(/=+~+=+/);
    expect(text(s.lanes.find((r) => text(r).startsWith('findings'))!)).toContain('*');
    for (const r of s.lanes) for (const run of r) if (run.tone === 'fail' || run.tone === 'ok' || run.tone === 'info') expect(run.text.trim()).not.toBe('');
  });

  it('inverts the cursor column and names its time on the axis', () => {
    const s = draw(80, 24, { clock: 5000, pos: 533 });
    const push = s.lanes.find((r) => text(r).startsWith('push'))!;
    expect(push.filter((r) => r.inverse).map((r) => r.text)).toEqual(['i']);
    expect(text(s.lanes.at(-1)!)).toContain('^ 5.00s');
  });

  it('degrades legibly below 80x24: shorter labels and help, component lanes dropped before ops and findings', () => {
    const s = draw(50, 14);
    const rows = [...s.header, ...s.lanes, ...s.detail, s.help];
    expect(rows.length).toBeLessThanOrEqual(14);
    for (const r of rows) expect([...text(r)].length).toBeLessThanOrEqual(50);
    const labels = s.lanes.map((r) => text(r).slice(0, 8).trim());
    expect(labels).toEqual(expect.arrayContaining(['push', 'pull', 'findings']));
    expect(text(s.help)).toMatch(/^spc play/);
  });

  it('opens the whole current event in details, in the room of the lanes', () => {
    const s = draw(80, 24, { pos: 532, clock: 3437, details: true });
    const shown = s.detail.map(text);
    expect(shown).toContain('flags: SI');
    expect(shown).toContain('status: 504');
    expect(shown.some((l) => l.startsWith('path: /registry/docker/registry/v2/repositories/lab/image-3/_uploads/'))).toBe(true);
    expect(s.lanes.map(text)).toEqual([expect.stringContaining('^ 3.44s')]);
  });
});

describe('fit', () => {
  it('cuts runs at the width, counting characters', () => {
    expect(clip([{ text: 'abc' }, { text: 'déf', tone: 'ok' }], 4)).toEqual([{ text: 'abc' }, { text: 'd', tone: 'ok' }]);
  });
});
