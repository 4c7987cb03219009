// docs/scenarios.md holds the reference the registries give: a product, option, fault kind, command, op kind
// or check added without regenerating it (`npm run lab docs -- --write`) fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FAULTS } from '../../../faults/index.ts';
import { DOCS_FILE, docsWithReference } from '../../../lab/cli/docs.ts';
import { CHECKS } from '../../../lab/checks/index.ts';
import { COMMANDS, OP_KINDS } from '../../../lab/ops/index.ts';
import { PRODUCTS } from '../../../lab/products/index.ts';
import { reference, typeOf } from '../../../lab/scenario/reference.ts';

describe('the scenario reference', () => {
  it('is what docs/scenarios.md holds under its Reference heading', () => {
    const text = readFileSync(DOCS_FILE, 'utf8');
    expect(docsWithReference(text)).toBe(text);
  });

  it('names every product, fault kind, command, op kind and check', () => {
    const r = reference();
    for (const p of PRODUCTS.names) expect(r).toContain(`product: '${p}'`);
    for (const k of FAULTS.names) expect(r).toContain(`kind: '${k}'`);
    for (const c of COMMANDS.names) expect(r).toContain(`cmd: '${c}'`);
    for (const k of OP_KINDS.names) expect(r).toContain(`| \`${k}\` |`);
    for (const c of CHECKS.names) expect(r).toContain(`| \`${c}\` |`);
  });

  it('writes a schema as one writes its values', () => {
    expect(typeOf(z.number().int().min(1).max(8).default(1))).toBe('integer 1–8');
    expect(typeOf(z.enum(['shared', 'per-replica']).optional())).toBe('"shared" | "per-replica"');
    expect(typeOf(z.array(z.boolean()).nonempty())).toBe('[true | false, …]');
    expect(typeOf(z.object({}))).toBe('{}');
    expect(typeOf(z.record(z.number()))).toBe('{ name: number }');
  });

  it('refuses a file without the heading to write under', () => {
    expect(() => docsWithReference('# nothing here\n')).toThrow('has no "## Reference" heading');
  });
});
