import { describe, expect, it } from 'vitest';
import { applies, COMMANDS } from '../../../lab/ops/index.ts';
import { Model } from '../../../lab/ops/model.ts';

describe('the tags command', () => {
  const spec = COMMANDS.get('tags').spec;

  it('names an image by its index or a repository by name, one of the two', () => {
    expect(spec.safeParse({ image: 0 }).success).toBe(true);
    expect(spec.safeParse({ repo: 'lab/a', n: 2, last: 'v1', all: true }).success).toBe(true);
    expect(spec.safeParse({}).success).toBe(false);
    const both = spec.safeParse({ image: 0, repo: 'lab/a' });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0]?.message).toBe('names an image or a repo: one of the two');
  });

  it('applies to an image once one was pushed, and to a named repository always', () => {
    const m = new Model('t');
    expect(applies({ cmd: 'tags', image: 0 }, m)).toBe(false);
    expect(applies({ cmd: 'tags', repo: 'lab/a' }, m)).toBe(true);
    m.images.push({ repo: 't/image-0', tag: 'v1', digest: 'sha256:aa', layers: [], state: 'acked' });
    expect(applies({ cmd: 'tags', image: 3 }, m)).toBe(true);
  });
});
