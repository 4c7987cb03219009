// The s3-front's options for reads and for matching requests by path and query: what a scenario may write, the
// one-line error at the option's path when it may not, and the routes and upstream names the configs get.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../lab/core/errors.ts';
import { envoyAccess } from '../../../lab/products/envoy/log.ts';
import { nginxLine } from '../../../lab/products/nginx/log.ts';
import { linkRoutes, s3FrontOptions, upstreamNames, upstreamOfLog } from '../../../lab/products/s3-front.ts';
import { validate } from '../../../lab/scenario/load.ts';

const FILE = 'scenarios/reads.ts';
const LINKS = { 'rgw-link': { from: 's3-front', to: 'object-store' }, 'list-link': { from: 's3-front', to: 'object-store' } };

/** The links of LINKS the front's options name (a link no option names is refused). */
const named = (front: Record<string, unknown>) => Object.fromEntries(Object.entries(LINKS).filter(([n]) => n === front.writesVia || n === front.readsVia));

function scenarioWith(front: Record<string, unknown>, links: Record<string, unknown> = named(front)): unknown {
  return {
    name: 'reads',
    symptom: '-',
    source: '-',
    topology: {
      registry: { product: 'distribution', storage: 's3' },
      's3-front': { product: 'envoy', idleTimeoutMs: 500, ...front },
      'object-store': { product: 'minio' },
      links,
    },
    workload: [{ pull: 'all' }],
    expect: {},
  };
}

/** The s3-front as validated, or the one-line error naming the file. */
function load(front: Record<string, unknown>, links?: Record<string, unknown>): Record<string, unknown> {
  return validate(scenarioWith(front, links), FILE).topology['s3-front'] as Record<string, unknown>;
}

function errorOf(front: Record<string, unknown>, links?: Record<string, unknown>): string {
  try {
    load(front, links);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    const msg = (e as Error).message;
    expect(msg.split('\n')).toHaveLength(1);
    return msg.replace(`${FILE}: `, '');
  }
  throw new Error('validate did not throw');
}

describe('s3-front options: reads through a link', () => {
  it('takes readsVia alone (every GET and HEAD), or beside writesVia naming the same link or another', () => {
    expect(load({ readsVia: 'rgw-link' })).toMatchObject({ readsVia: 'rgw-link', readMethods: ['GET', 'HEAD'] });
    expect(load({ writesVia: 'rgw-link', readsVia: 'rgw-link', product: 'nginx' })).toMatchObject({ writesVia: 'rgw-link', readsVia: 'rgw-link' });
    expect(load({ writesVia: 'rgw-link', readsVia: 'list-link', readMethods: ['GET'], readsMatch: { query: 'list-type=2|prefix=' } })).toMatchObject({
      readMethods: ['GET'],
      readsMatch: { query: 'list-type=2|prefix=' },
    });
  });

  it('reports a readsVia naming no link at its path, as writesVia', () => {
    expect(errorOf({ readsVia: 'nowhere' })).toBe('topology.s3-front.readsVia: no link "nowhere"');
    expect(errorOf({ writesVia: 'rgw-link', readsVia: 'nowhere', product: 'nginx' })).toBe('topology.s3-front.readsVia: no link "nowhere"');
  });

  it('takes only GET and HEAD as read methods', () => {
    expect(errorOf({ readsVia: 'rgw-link', readMethods: ['PUT'] })).toMatch(/^topology\.s3-front\.readMethods\[0\]: .*'GET' \| 'HEAD'/);
  });

  it('refuses a link name that cannot name an upstream in a proxy config', () => {
    expect(errorOf({ readsVia: 'my link' }, { 'my link': { from: 's3-front', to: 'object-store' } })).toBe(
      'topology.s3-front.readsVia: the link "my link" names an upstream in the s3-front\'s config: use letters, digits, ".", "_" and "-"',
    );
  });
});

describe('s3-front options: matching by path and query', () => {
  it('takes a path, a query or both, for writes and for reads', () => {
    expect(load({ writesVia: 'rgw-link', writesMatch: { path: '/_uploads/', query: 'partNumber=' } })).toMatchObject({
      writesMatch: { path: '/_uploads/', query: 'partNumber=' },
    });
    expect(load({ readsVia: 'list-link', readsMatch: { path: '^/registry$' }, product: 'nginx' })).toMatchObject({ readsMatch: { path: '^/registry$' } });
  });

  it('reports an invalid regular expression at the option, on one line', () => {
    expect(errorOf({ readsVia: 'list-link', readsMatch: { query: '(list-type=2' } })).toBe(
      'topology.s3-front.readsMatch.query: invalid regular expression "(list-type=2": Unterminated group',
    );
    expect(errorOf({ writesVia: 'rgw-link', writesMatch: { path: '[a-' }, product: 'nginx' })).toMatch(
      /^topology\.s3-front\.writesMatch\.path: invalid regular expression "\[a-": /,
    );
    // with the u flag: an escape of a letter JavaScript would take as the letter is refused
    expect(errorOf({ readsVia: 'list-link', readsMatch: { path: '\\q' } })).toMatch(/^topology\.s3-front\.readsMatch\.path: invalid regular expression/);
  });

  it('needs the link the matching requests take, and at least one pattern', () => {
    expect(errorOf({ readsMatch: { query: 'list-type=2' } })).toBe('topology.s3-front.readsMatch: needs readsVia: the link matching reads take');
    expect(errorOf({ readsVia: 'rgw-link', writesMatch: { path: '/x' } })).toBe(
      'topology.s3-front.writesMatch: needs writesVia: the link matching writes take',
    );
    expect(errorOf({ readsVia: 'rgw-link', readsMatch: {} })).toBe('topology.s3-front.readsMatch: give path, query or both');
    expect(errorOf({ readsVia: 'rgw-link', readsMatch: { qeury: 'x' } })).toBe('topology.s3-front.readsMatch: unknown field qeury');
  });

  it('refuses what envoy (RE2) cannot read, only for envoy: lookaround and backreferences', () => {
    const ahead = { readsVia: 'rgw-link', readsMatch: { query: 'prefix=(?!docker/)' } };
    expect(errorOf(ahead)).toBe("topology.s3-front.readsMatch.query: envoy's regular expressions (RE2) have no lookahead, lookbehind or backreferences");
    expect(load({ ...ahead, product: 'nginx' })).toMatchObject({ readsMatch: ahead.readsMatch });
    expect(errorOf({ writesVia: 'rgw-link', writesMatch: { path: '(a)\\1' } })).toMatch(/^topology\.s3-front\.writesMatch\.path: envoy's .*backreferences$/);
    expect(errorOf({ writesVia: 'rgw-link', writesMatch: { path: '(?<=/)x' } })).toMatch(/^topology\.s3-front\.writesMatch\.path: envoy's/);
  });

  it('refuses, for both, what nginx and envoy read otherwise than JavaScript', () => {
    for (const product of ['envoy', 'nginx']) {
      expect(errorOf({ product, readsVia: 'rgw-link', readsMatch: { path: '(?<key>[^/]+)' } })).toBe(
        'topology.s3-front.readsMatch.path: nginx (PCRE) and envoy (RE2) read it otherwise: no named groups (?<name>…); write (?:…)',
      );
      expect(errorOf({ product, readsVia: 'rgw-link', readsMatch: { query: 'a[^]' } })).toMatch(/^topology\.s3-front\.readsMatch\.query: .*no empty classes/);
      expect(errorOf({ product, readsVia: 'rgw-link', readsMatch: { query: '\\u0041' } })).toMatch(/^topology\.s3-front\.readsMatch\.query: .*no \\u or \\c/);
    }
  });
});

describe('linkRoutes and upstream names', () => {
  const opts = (o: Record<string, unknown>) => s3FrontOptions.parse({ idleTimeoutMs: 500, ...o });

  it('gives writes first, then reads, each with its methods, size and patterns', () => {
    expect(linkRoutes(opts({}))).toEqual([]);
    expect(
      linkRoutes(opts({ writesVia: 'w', writeMethods: ['PUT', 'POST'], writesBelowBytes: 1000, readsVia: 'r', readsMatch: { query: 'list-type=2' } })),
    ).toEqual([
      { link: 'w', methods: ['PUT', 'POST'], belowBytes: 1000, match: undefined },
      { link: 'r', methods: ['GET', 'HEAD'], match: { query: 'list-type=2' } },
    ]);
  });

  it('names the upstream "link" when the front takes one link, link.<name> for each of two', () => {
    expect(upstreamNames(linkRoutes(opts({ writesVia: 'rgw-link', readsVia: 'rgw-link' })))).toEqual(new Map([['rgw-link', 'link']]));
    expect(upstreamNames(linkRoutes(opts({ readsVia: 'list-link' })))).toEqual(new Map([['list-link', 'link']]));
    expect(upstreamNames(linkRoutes(opts({ writesVia: 'rgw-link', readsVia: 'list-link' })))).toEqual(
      new Map([
        ['rgw-link', 'link.rgw-link'],
        ['list-link', 'link.list-link'],
      ]),
    );
  });

  it('shows link.<name> in access events as "link <name>", so the first word still says link or direct', () => {
    expect(upstreamOfLog('link.list-link')).toBe('link list-link');
    expect(upstreamOfLog('link')).toBe('link');
    expect(upstreamOfLog('direct')).toBe('direct');
    const [e] = envoyAccess('{"cluster":"link.list-link","flags":"SI","method":"GET","ms":1000,"path":"/registry?list-type=2","status":504}', 's3-front');
    expect(e).toMatchObject({ upstream: 'link list-link', status: 504 });
    const [n] = nginxLine(
      '{"method":"GET","path":"/registry?list-type=2","status":504,"upstream":"link.list-link","upstreamStatus":"504","ms":1.0}',
      's3-front',
    );
    expect(n).toMatchObject({ upstream: 'link list-link (504)' });
    const [d] = nginxLine('{"method":"GET","path":"/registry/a","status":200,"upstream":"direct","upstreamStatus":"200","ms":0.001}', 's3-front');
    expect(d).toMatchObject({ upstream: 'direct (200)' });
  });
});
