import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { RowText } from '../../tui/RowText.tsx';

it('renders the runs of a row as one line, letters intact', () => {
  const { lastFrame } = render(
    <RowText
      row={[
        { text: 'push ', tone: 'heading' },
        { text: 'oo', tone: 'ok' },
        { text: 'i', tone: 'info', inverse: true },
        { text: 'f', tone: 'fail' },
      ]}
    />,
  );
  expect(lastFrame()).toBe('push ooif');
});
