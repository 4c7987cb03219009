// The CI workflow's suite command is one the CLI takes: its options parse and its shards cover the suite.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../lab/cli/command.ts';
import suite from '../../../lab/cli/suite.ts';
import { parseShard } from '../../../lab/suite/suite.ts';

// the workflow's own placeholder, as written in it
const SHARD = ['${{', 'matrix.shard', '}}'].join(' ');
const workflow = readFileSync(resolve(import.meta.dirname, '..', '..', '..', '.github', 'workflows', 'suite.yml'), 'utf8');

describe('the suite workflow', () => {
  it('runs `lab suite` with options it takes, one shard per job of its matrix', () => {
    const shards = /shard: \[([\d, ]+)\]/.exec(workflow)![1]!.split(',').map(Number);
    const line = /node bin\/lab\.js suite (.+)/.exec(workflow)![1]!;
    for (const n of shards) {
      const args = line.replaceAll(SHARD, String(n)).split(/\s+/);
      const { values } = parse(suite, args);
      expect(parseShard(values.shard as string)).toEqual({ index: n, total: shards.length });
      expect(values).toMatchObject({ all: true, junit: `suite-${n}.xml` });
    }
  });
});
