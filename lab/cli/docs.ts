// `lab docs [--write]`: the reference part of docs/scenarios.md (roles, products and their options, links,
// fault kinds, steps, commands, op kinds, checks, evidence fields), written from the registries. Without
// --write it prints it; with --write it replaces the part of the file after its "## Reference" heading.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LabError } from '../core/errors.ts';
import { reference } from '../scenario/reference.ts';
import { defineCommand } from './command.ts';
import { out } from './output.ts';

export const DOCS_FILE = resolve(import.meta.dirname, '..', '..', 'docs', 'scenarios.md');
const HEADING = '\n## Reference\n';

/** The docs file with its reference part as the registries give it now. */
export function docsWithReference(text: string): string {
  const at = text.indexOf(HEADING);
  if (at < 0) throw new LabError(`docs/scenarios.md has no "## Reference" heading to write the reference under`);
  return `${text.slice(0, at + 1)}${reference()}`;
}

export default defineCommand({
  name: 'docs',
  usage: '[--write]',
  summary: 'the scenario reference, from the registries (docs/scenarios.md holds it)',
  help: '  --write        replace the reference part of docs/scenarios.md with it',
  options: { write: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run({ values }) {
    if (!values.write) {
      out(reference());
      return 0;
    }
    writeFileSync(DOCS_FILE, docsWithReference(readFileSync(DOCS_FILE, 'utf8')));
    out('docs/scenarios.md: reference written');
    return 0;
  },
});
