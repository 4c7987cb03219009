import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { Detail } from '../../tui/Detail.tsx';
import { screen } from '../../tui/view.ts';
import { fixtureStore } from './fixture.ts';

it('lists the events from the cursor on, with the finding at this moment first', () => {
  const store = fixtureStore();
  store.dispatch({ type: 'next-mark' });
  const snap = store.getSnapshot();
  const s = screen({ meta: store.meta, timeline: snap.timeline, source: store.source, state: snap.state, visible: snap.visible, width: 100, height: 24 });
  const lines = render(<Detail rows={s.detail} height={10} />)
    .lastFrame()!
    .split('\n');
  expect(lines[0]).toMatch(/^\* s3-front-idle-timeout-504: envoy \(s3-front\) answered 504 flag SI 4x for PUT/);
  expect(lines.find((l) => l.startsWith('#532 '))).toMatch(
    /^#532 3\.44s s3-front PUT 504 SI \d+ms via link \/registry\/docker\/registry\/v2\/repositories\/lab\/image-3/,
  );
  expect(lines.find((l) => l.startsWith('#538 '))).toBe('#538 10.52s op 3 push info HTTP 500 POST /v2/lab/image-3/blobs/uploads/: HTTP 500 UNKNOWN');
});
