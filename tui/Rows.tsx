// A column of styled rows.
import { Box } from 'ink';
import { RowText } from './RowText.tsx';
import type { Row } from './view.ts';

export function Rows({ rows, height }: { rows: Row[]; height?: number }) {
  return (
    <Box flexDirection="column" height={height}>
      {rows.map((r, i) => (
        <RowText key={i} row={r} />
      ))}
    </Box>
  );
}
