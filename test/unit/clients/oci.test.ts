import { describe, expect, it } from 'vitest';
import { nextLink } from '../../../lab/clients/oci.ts';

describe('nextLink', () => {
  it("reads the next page of Distribution's Link header, as written", () => {
    expect(nextLink('</v2/_catalog?last=lab%2Fb&n=2>; rel="next"')).toBe('/v2/_catalog?last=lab%2Fb&n=2');
    expect(nextLink('</v2/lab/a/tags/list?last=v2&n=2>; rel="next"')).toBe('/v2/lab/a/tags/list?last=v2&n=2');
  });

  it('picks the rel="next" link among others, with the rel unquoted, in any case, or among several rels', () => {
    expect(nextLink('</v2/_catalog?n=2>; rel="prev", <https://r.example/v2/_catalog?last=c&n=2>; rel="next"')).toBe('https://r.example/v2/_catalog?last=c&n=2');
    expect(nextLink('</v2/_catalog?last=c>;rel=next')).toBe('/v2/_catalog?last=c');
    expect(nextLink('</v2/_catalog?last=c>; title="page"; REL="Next"')).toBe('/v2/_catalog?last=c');
    expect(nextLink('</v2/_catalog?last=c>; rel="last next"')).toBe('/v2/_catalog?last=c');
  });

  it('finds none when there is no header, no next link, or only a rel that merely starts with next', () => {
    expect(nextLink(undefined)).toBeUndefined();
    expect(nextLink('')).toBeUndefined();
    expect(nextLink('</v2/_catalog?n=2>; rel="prev"')).toBeUndefined();
    expect(nextLink('</v2/_catalog?n=2>; rel="nextpage"')).toBeUndefined();
    expect(nextLink('</v2/_catalog?n=2>')).toBeUndefined();
  });
});
