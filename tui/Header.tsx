// The run: scenario, seed, backend, versions; the verdict, the clock and the filter.
import { Rows } from './Rows.tsx';
import type { Row } from './view.ts';

export const Header = ({ rows }: { rows: Row[] }) => <Rows rows={rows} />;
