import { describe, expect, it } from 'vitest';
import type { ListPage } from '../../../lab/clients/oci.ts';
import { listPages } from '../../../lab/ops/catalog.ts';
import { COMMANDS } from '../../../lab/ops/index.ts';

/** A list served in pages of `n`, each naming the next by `last` as Distribution does. */
function pagesOf(names: string[], n: number) {
  const page = (after: number): ListPage => {
    const slice = names.slice(after, after + n);
    const end = after + slice.length;
    return { names: slice, ...(end < names.length && { next: `/v2/_catalog?last=${names[end - 1]}&n=${n}` }) };
  };
  const asked: string[] = [];
  const next = async (path: string) => {
    asked.push(path);
    return page(names.indexOf(new URL(path, 'http://r').searchParams.get('last')!) + 1);
  };
  return { first: page(0), next, asked };
}

describe('listPages', () => {
  it('keeps to the first page unless asked for all, and says that there is more', async () => {
    const { first, next, asked } = pagesOf(['a', 'b', 'c', 'd', 'e'], 2);
    expect(await listPages(first, next, false)).toEqual({ names: ['a', 'b'], pages: 1, more: true });
    expect(asked).toEqual([]);
  });

  it('follows each next page until one names none', async () => {
    const { first, next, asked } = pagesOf(['a', 'b', 'c', 'd', 'e'], 2);
    expect(await listPages(first, next, true)).toEqual({ names: ['a', 'b', 'c', 'd', 'e'], pages: 3, more: false });
    expect(asked).toEqual(['/v2/_catalog?last=b&n=2', '/v2/_catalog?last=d&n=2']);
  });

  it('is one page when the first names no next one, asked for all or not', async () => {
    const { first, next } = pagesOf(['a', 'b'], 2);
    expect(await listPages(first, next, true)).toEqual({ names: ['a', 'b'], pages: 1, more: false });
    expect(await listPages({ names: [] }, next, true)).toEqual({ names: [], pages: 1, more: false });
  });

  it('stops with an error when a Link leads back to a page it fetched', async () => {
    const loop = async (path: string): Promise<ListPage> => ({ names: ['x'], next: path.endsWith('1') ? '/v2/_catalog?last=2' : '/v2/_catalog?last=1' });
    await expect(listPages({ names: ['a'], next: '/v2/_catalog?last=1' }, loop, true)).rejects.toThrow('the Link rel="next" leads back to /v2/_catalog?last=1');
  });
});

describe('the catalog command', () => {
  it('takes n, last and all, each optional; n is a positive integer', () => {
    const spec = COMMANDS.get('catalog').spec;
    expect(spec.safeParse({}).success).toBe(true);
    expect(spec.safeParse({ n: 2, last: 'lab/a', all: true }).success).toBe(true);
    expect(spec.safeParse({ n: 0 }).success).toBe(false);
    expect(spec.safeParse({ n: 1.5 }).success).toBe(false);
    expect(spec.safeParse({ repo: 'lab/a' }).success).toBe(false);
  });
});
