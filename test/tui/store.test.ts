import { describe, expect, it } from 'vitest';
import { INITIAL, keyAction, reduce, type Visible } from '../../tui/store.ts';
import { fixtureStore } from './fixture.ts';

const times = [0, 10, 20, 20, 35, 50];
const v: Visible = { count: times.length, index: (p) => p, t: (p) => times[p]! };

describe('reduce', () => {
  it('steps within the visible events and moves the clock with the cursor', () => {
    let s = reduce(INITIAL, { type: 'step', by: 1 }, v, []);
    expect(s).toMatchObject({ pos: 1, clock: 10 });
    s = reduce(s, { type: 'step', by: -5 }, v, []);
    expect(s).toMatchObject({ pos: 0, clock: 0 });
    expect(reduce(s, { type: 'end' }, v, [])).toMatchObject({ pos: 5, clock: 50 });
    expect(reduce({ ...s, pos: 4 }, { type: 'home' }, v, [])).toMatchObject({ pos: 0, clock: 0 });
  });

  it('plays at its speed and stops at the end', () => {
    let s = reduce(INITIAL, { type: 'play' }, v, []);
    s = reduce(s, { type: 'speed', factor: 2 }, v, []);
    s = reduce(s, { type: 'tick', ms: 10 }, v, []);
    expect(s).toMatchObject({ playing: true, clock: 20, pos: 3 });
    s = reduce(s, { type: 'tick', ms: 100 }, v, []);
    expect(s).toMatchObject({ playing: false, pos: 5, clock: 50 });
  });

  it('jumps to the next finding, and says so when there is none', () => {
    const s = reduce(INITIAL, { type: 'next-mark' }, v, [20, 40]);
    expect(s).toMatchObject({ pos: 2, clock: 20 });
    expect(reduce(s, { type: 'next-mark' }, v, [20, 40])).toMatchObject({ pos: 5, clock: 40 });
    expect(reduce({ ...s, clock: 45 }, { type: 'next-mark' }, v, [20, 40]).note).toMatch(/no more findings/);
    expect(reduce(INITIAL, { type: 'next-mark' }, v, []).note).toBe('this run has no findings');
  });

  it('types a filter and applies it on enter', () => {
    let s = reduce(INITIAL, { type: 'filter-start' }, v, []);
    for (const ch of 'pusx') s = reduce(s, { type: 'filter-key', ch }, v, []);
    s = reduce(reduce(s, { type: 'filter-back' }, v, []), { type: 'filter-key', ch: 'h' }, v, []);
    expect(s.typing).toBe('push');
    expect(reduce(s, { type: 'filter-done' }, v, [])).toMatchObject({ filter: 'push', typing: null });
    expect(reduce(s, { type: 'filter-cancel' }, v, [])).toMatchObject({ filter: '', typing: null });
  });
});

describe('keyAction', () => {
  it('maps the help line keys', () => {
    expect(keyAction(' ', {}, false)).toEqual({ type: 'play' });
    expect(keyAction('', { rightArrow: true }, false)).toEqual({ type: 'step', by: 1 });
    expect(keyAction('', { leftArrow: true }, false)).toEqual({ type: 'step', by: -1 });
    expect(keyAction('[', {}, false)).toEqual({ type: 'speed', factor: 0.5 });
    expect(keyAction(']', {}, false)).toEqual({ type: 'speed', factor: 2 });
    expect(keyAction('g', {}, false)).toEqual({ type: 'home' });
    expect(keyAction('G', {}, false)).toEqual({ type: 'end' });
    expect(keyAction('/', {}, false)).toEqual({ type: 'filter-start' });
    expect(keyAction('n', {}, false)).toEqual({ type: 'next-mark' });
    expect(keyAction('', { return: true }, false)).toEqual({ type: 'details' });
    expect(keyAction('q', {}, false)).toEqual({ type: 'quit' });
    expect(keyAction('z', {}, false)).toBeNull();
  });

  it('sends keys to the filter while it is typed', () => {
    expect(keyAction('q', {}, true)).toEqual({ type: 'filter-key', ch: 'q' });
    expect(keyAction('', { return: true }, true)).toEqual({ type: 'filter-done' });
    expect(keyAction('', { escape: true }, true)).toEqual({ type: 'filter-cancel' });
    expect(keyAction('', { backspace: true }, true)).toEqual({ type: 'filter-back' });
  });
});

describe('ReplayStore over a recorded run', () => {
  it('narrows the cursor to a filter and keeps its place in time', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'next-mark' });
    const at = store.getSnapshot().state.clock;
    store.dispatch({ type: 'filter-start' });
    for (const ch of 'op.complete') store.dispatch({ type: 'filter-key', ch });
    store.dispatch({ type: 'filter-done' });
    const { state, visible } = store.getSnapshot();
    expect(visible.count).toBe(10);
    expect(state.filter).toBe('op.complete');
    expect(state.clock).toBeGreaterThanOrEqual(at);
    expect(store.source.event(visible.index(state.pos)).type).toBe('op.complete');
  });

  it('says when nothing matches', () => {
    const store = fixtureStore();
    store.dispatch({ type: 'filter-start' });
    for (const ch of 'nope') store.dispatch({ type: 'filter-key', ch });
    store.dispatch({ type: 'filter-done' });
    expect(store.getSnapshot().state.note).toBe('nothing matches "nope"');
  });
});
