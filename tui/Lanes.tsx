// One lane per component, the fault bands, one lane per op kind, the findings, and the time axis with the cursor.
import { Rows } from './Rows.tsx';
import type { Row } from './view.ts';

export const Lanes = ({ rows }: { rows: Row[] }) => <Rows rows={rows} />;
