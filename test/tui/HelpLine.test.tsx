import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { HelpLine } from '../../tui/HelpLine.tsx';
import { INITIAL } from '../../tui/store.ts';
import { screen } from '../../tui/view.ts';
import { fixtureStore } from './fixture.ts';

function help(width: number, typing: string | null) {
  const store = fixtureStore();
  const snap = store.getSnapshot();
  return screen({ meta: store.meta, timeline: snap.timeline, source: store.source, state: { ...INITIAL, typing }, visible: snap.visible, width, height: 24 })
    .help;
}

// ink-testing-library draws 100 columns
it('names every key, shortened on a narrow terminal, and shows the filter being typed', () => {
  expect(
    help(120, null)
      .map((r) => r.text)
      .join(''),
  ).toBe('space play/pause  ←/→ step  [ ] speed  g/G start/end  / filter  n next finding  enter details  q quit');
  expect(render(<HelpLine row={help(80, null)} />).lastFrame()).toBe('spc play ←→ step [] speed gG ends / filter n next ⏎ detail q quit');
  expect(render(<HelpLine row={help(100, 's3-fr')} />).lastFrame()).toMatch(/^filter: s3-fr_ {2}component, op kind/);
});
