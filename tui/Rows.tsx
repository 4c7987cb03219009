// A column of styled rows.
import { Box } from 'ink';
import { RowText } from './RowText.tsx';
import type { Row } from './view.ts';

export function Rows({ rows, height }: { rows: Row[]; height?: number }) {
  return (
    <Box flexDirection="column" height={height}>
      {rows.map((r, i) => (
        // a row is where it is on the screen: its place is its identity
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no other identity
        <RowText key={i} row={r} />
      ))}
    </Box>
  );
}
