import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { Header } from '../../tui/Header.tsx';
import { INITIAL } from '../../tui/store.ts';
import { screen } from '../../tui/view.ts';
import { fixtureStore } from './fixture.ts';

it('shows scenario, seed, backend, versions, verdict and clock of a recorded run', () => {
  const store = fixtureStore();
  const snap = store.getSnapshot();
  const s = screen({ meta: store.meta, timeline: snap.timeline, source: store.source, state: INITIAL, visible: snap.visible, width: 100, height: 24 });
  const frame = render(<Header rows={s.header} />).lastFrame()!;
  expect(frame.split('\n')[0]).toMatch(/^stream-idle-504 {2}seed 5 {2}ceph, envoy {2}toxiproxy 2\.12\.0, nginx 1\.22\.1, distribution 2\.8\.2\+ds1, redis/);
  expect(frame.split('\n')[1]).toBe('verdict: reproduced  t 0.00s / 11.35s  paused x1  event 1/985');
});
