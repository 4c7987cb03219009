import { describe, expect, it } from 'vitest';
import { findings } from '../../../lab/import/findings.ts';
import type { Fact } from '../../../lab/import/format.ts';

const access = (component: string, status: number, flags = '-'): Fact => ({
  type: 'access',
  component,
  product: 'p',
  host: 'h',
  method: 'PUT',
  path: '/x',
  status,
  flags,
});

describe("an imported run's findings", () => {
  it("are each component's 5xx and each flag it logged, as evidence clauses the run expects to see", () => {
    const seen = [access('s3-front', 504, 'SI'), access('s3-front', 200), access('registry', 500), access('s3-front', 200, 'UF,URX')].reduce(
      findings.add,
      findings.start(),
    );
    const d = findings.definition(seen);
    expect(d.expect.reproduced).toEqual(['s3-front 5xx', 'registry 5xx', 's3-front flag SI', 's3-front flag UF', 's3-front flag URX']);
    expect(d.evidence['s3-front flag SI']).toEqual({ about: 's3-front flagged responses SI (1 lines)', events: { component: 's3-front', flag: 'SI' } });
    expect(d.evidence['registry 5xx']).toMatchObject({ events: { component: 'registry', status: '5xx' } });
  });

  it('are none for logs without errors or flags', () => {
    const seen = [access('s3-front', 200), { type: 'component.log', component: 'c', product: 'p', level: 'error', line: 'x' } as Fact].reduce(
      findings.add,
      findings.start(),
    );
    expect(findings.definition(seen).expect.reproduced).toEqual([]);
  });

  it('merge what each file saw: the counts of both, per component and flag', () => {
    const a = [access('s3-front', 504, 'SI'), access('registry', 500)].reduce(findings.add, findings.start());
    const b = [access('s3-front', 504, 'SI'), access('s3-front', 503, 'UF')].reduce(findings.add, findings.start());
    expect(findings.merge(a, b)).toEqual({ errors: { 's3-front': 3, registry: 1 }, flags: { 's3-front': { SI: 2, UF: 1 } } });
  });
});
