import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { App } from '../../tui/App.tsx';
import { fixtureStore } from './fixture.ts';

const settle = () => new Promise((r) => setTimeout(r, 30));
const RIGHT = '\u001b[C';
const LEFT = '\u001b[D';

async function app(onQuit?: () => void) {
  const store = fixtureStore();
  const ui = render(<App store={store} width={100} height={24} onQuit={onQuit} />);
  await settle();
  const press = async (keys: string) => {
    ui.stdin.write(keys);
    await settle();
    return ui.lastFrame()!;
  };
  return { store, ui, press };
}

describe('App keys', () => {
  it('steps with the arrows and jumps to the start and end', async () => {
    const { press, store } = await app();
    expect(await press(RIGHT)).toContain('event 2/985');
    expect(await press(LEFT)).toContain('event 1/985');
    expect(await press('G')).toContain('event 985/985');
    expect(await press('g')).toContain('event 1/985');
    expect(store.getSnapshot().state.pos).toBe(0);
  });

  it('jumps to the next finding with n and opens it with enter', async () => {
    const { press } = await app();
    const at = await press('n');
    expect(at).toContain('t 3.44s');
    expect(at).toMatch(/\* s3-front-idle-timeout-504: envoy \(s3-front\) answered 504 flag SI/);
    const open = await press('\r');
    expect(open).toContain('flags: SI');
    expect(open).toContain('status: 504');
  });

  it('takes keys that arrive in one chunk one by one', async () => {
    const { press } = await app();
    expect(await press('nnnn')).toContain('t 10.52s');
  });

  it('filters by what is typed after /', async () => {
    const { press } = await app();
    await press('/');
    expect(await press('push')).toContain('filter: push_');
    const filtered = await press('\r');
    expect(filtered).toContain('event 1/10');
    expect(filtered).toContain('filter: push');
  });

  it('plays, changes speed, and pauses', async () => {
    const { press, ui, store } = await app();
    expect(await press(']')).toContain('paused x2');
    expect(await press(' ')).toContain('playing x2');
    await new Promise((r) => setTimeout(r, 300));
    expect(store.getSnapshot().state.clock).toBeGreaterThan(0);
    expect(await press(' ')).toContain('paused x2');
    expect(await press('[')).toContain('paused x1');
    ui.unmount();
    store.dispose();
  });

  it('quits on q and on Ctrl-C, but not while typing a filter', async () => {
    let quits = 0;
    const { press } = await app(() => quits++);
    await press('q');
    await press('\u0003');
    expect(quits).toBe(2);
    await press('/');
    await press('q');
    expect(quits).toBe(2);
  });
});
