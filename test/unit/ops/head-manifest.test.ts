import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../lab/ops/index.ts';

describe('the head-manifest command', () => {
  const spec = COMMANDS.get('head-manifest').spec;

  it('names an image (optionally another tag of its repository), or a repository and a tag', () => {
    expect(spec.safeParse({ image: 1 }).success).toBe(true);
    expect(spec.safeParse({ image: 1, tag: 'absent' }).success).toBe(true);
    expect(spec.safeParse({ repo: 'lab/a', tag: 'v1' }).success).toBe(true);
    expect(spec.safeParse({}).success).toBe(false);
    expect(spec.safeParse({ image: 1, repo: 'lab/a', tag: 'v1' }).success).toBe(false);
    const untagged = spec.safeParse({ repo: 'lab/a' });
    expect(untagged.error?.issues).toEqual([expect.objectContaining({ path: ['tag'], message: 'a repo needs a tag' })]);
  });
});
