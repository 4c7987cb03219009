import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noteStep, ownEnv, readRecipe, type RecipeStep, setupOf } from '../../../lab/runtime/recipe.ts';

describe("a run's recipe", () => {
  it('reads back every step written, in order; a run without one has none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-recipe-'));
    expect(readRecipe(dir)).toEqual([]);
    const steps: RecipeStep[] = [
      { role: 'registry', product: 'distribution', kind: 'file', path: '/r/registry/config.yml', text: 'version: 0.1\n' },
      {
        role: 'registry',
        product: 'distribution',
        kind: 'spawn',
        name: 'distribution',
        command: 'docker-registry',
        args: ['serve'],
        env: { A: 'b' },
        cwd: '/r',
      },
      { role: 'registry', product: 'distribution', kind: 'ready', endpoint: 'http://127.0.0.1:5000' },
    ];
    for (const s of steps) noteStep(dir, s);
    expect(readRecipe(dir)).toEqual(steps);
    writeFileSync(join(dir, 'recipe.ndjson'), '{"role":"x","product":"y","kind":"teleport"}\n');
    expect(() => readRecipe(dir)).toThrow();
  });

  it("keeps a program's own variables, not those every program gets", () => {
    expect(ownEnv({ PATH: '/bin', HOME: '/root', LANG: 'C.UTF-8', CEPH_CONF: '/r/ceph.conf', UNSET: undefined })).toEqual({ CEPH_CONF: '/r/ceph.conf' });
  });

  it("takes each component's steps up to its readiness, not what faults made it do later", () => {
    const s = (role: string, kind: 'ready' | 'dir', path = '') =>
      kind === 'ready' ? { role, product: 'p', kind, endpoint: path } : { role, product: 'p', kind, path };
    const recipe = [s('a', 'dir', '1'), s('b', 'dir', '2'), s('a', 'ready'), s('a', 'dir', '3'), s('b', 'ready'), s('b', 'dir', '4')] as RecipeStep[];
    expect(setupOf(recipe)).toEqual([recipe[0], recipe[1], recipe[2], recipe[4]]);
  });
});
