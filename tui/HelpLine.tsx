// The keys, or the filter being typed.
import { RowText } from './RowText.tsx';
import type { Row } from './view.ts';

export function HelpLine({ row }: { row: Row }) {
  return <RowText row={row} />;
}
