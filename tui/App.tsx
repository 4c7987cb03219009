// The replay: the store's state through the view, keys to the store. Nothing here computes what to show.
import { Box, useApp, useInput, useStdout } from 'ink';
import { useSyncExternalStore } from 'react';
import { Detail } from './Detail.tsx';
import { Header } from './Header.tsx';
import { HelpLine } from './HelpLine.tsx';
import { Lanes } from './Lanes.tsx';
import { keyAction, type ReplayStore } from './store.ts';
import { screen } from './view.ts';

export interface AppProps {
  store: ReplayStore;
  width?: number;
  height?: number;
  /** q or Ctrl-C: by default the app exits; a live run stops its scenario first */
  onQuit?: () => void;
}

export function App({ store, width, height, onQuit }: AppProps) {
  const { state, timeline, visible } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const { exit } = useApp();
  const { stdout } = useStdout();
  const w = width ?? stdout.columns ?? 80;
  // one row less than the terminal, so that Ink redraws in place instead of scrolling
  const h = height ?? (stdout.rows ?? 24) - 1;

  useInput((input, key) => {
    // keys typed fast or pasted arrive as one chunk ("nnn"): each character is a key
    const chars = input.length > 1 && !key.ctrl && !key.meta ? [...input] : [input];
    for (const ch of chars) {
      const action = key.ctrl && ch === 'c' ? ({ type: 'quit' } as const) : keyAction(ch, key, store.getSnapshot().state.typing !== null);
      if (!action) continue;
      if (action.type === 'quit') return (onQuit ?? exit)();
      store.dispatch(action);
    }
  });

  const s = screen({ meta: store.meta, timeline, source: store.source, state, visible, width: w, height: h });
  const detailHeight = Math.max(1, h - s.header.length - s.lanes.length - 1);
  return (
    <Box flexDirection="column" width={w}>
      <Header rows={s.header} />
      <Lanes rows={s.lanes} />
      <Detail rows={s.detail} height={detailHeight} />
      <HelpLine row={s.help} />
    </Box>
  );
}
