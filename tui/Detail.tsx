// The event(s) under the cursor, or the whole current event when details are open.
import { Rows } from './Rows.tsx';
import type { Row } from './view.ts';

export const Detail = ({ rows, height }: { rows: Row[]; height: number }) => <Rows rows={rows} height={height} />;
