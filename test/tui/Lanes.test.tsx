import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { Lanes } from '../../tui/Lanes.tsx';
import { INITIAL } from '../../tui/store.ts';
import { screen } from '../../tui/view.ts';
import { fixtureStore } from './fixture.ts';

it('draws a lane per component, the fault band, the op spans, the findings and the cursor axis', () => {
  const store = fixtureStore();
  const snap = store.getSnapshot();
  const s = screen({
    meta: store.meta,
    timeline: snap.timeline,
    source: store.source,
    state: { ...INITIAL, clock: 5000 },
    visible: snap.visible,
    width: 80,
    height: 24,
  });
  const lines = render(<Lanes rows={s.lanes} />)
    .lastFrame()!
    .split('\n');
  expect(lines).toHaveLength(11);
  expect(lines.find((l) => l.startsWith('faults'))).toMatch(/rgw-stall~+/);
  expect(lines.find((l) => l.startsWith('object-store'))).toMatch(/^object-store +\.+=+~+=+$/);
  expect(lines.find((l) => l.startsWith('push'))).toMatch(/o+i+o+/);
  expect(lines.find((l) => l.startsWith('findings'))).toMatch(/\*/);
  expect(lines.at(-1)).toMatch(/\^ 5\.00s/);
});
