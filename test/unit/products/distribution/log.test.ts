import { describe, expect, it } from 'vitest';
import { distributionLine, goDurationMs, logfmt, unquoteGo } from '../../../../lab/products/distribution/log.ts';

// Distribution 2.8, logrus text formatter
const ERROR_500 =
  'time="2026-11-22T05:57:31.300727073Z" level=error msg="response completed with error" err.code=unknown err.detail="s3aws: SerializationError: failed to unmarshal error message\\n\\tstatus code: 504, request id: , host id: " err.message="unknown error" go.version=go1.19.8 http.request.host="127.0.0.1:19501" http.request.id=3f http.request.method=POST http.request.remoteaddr=127.0.0.1 http.request.uri="/v2/si504/curlprobe/blobs/uploads/" http.request.useragent=curl http.response.contenttype="application/json; charset=utf-8" http.response.duration=25.380623664s http.response.status=500 http.response.written=123';
const INFO_201 =
  'time="2026-11-22T05:57:12.051Z" level=info msg="response completed" go.version=go1.19.8 http.request.host="127.0.0.1:19501" http.request.id=40 http.request.method=PUT http.request.remoteaddr=127.0.0.1 http.request.uri="/v2/lab/a/manifests/v1" http.request.useragent=lab http.response.duration=12.5ms http.response.status=201 http.response.written=0';

describe('distributionLine', () => {
  it('turns a 500 "response completed with error" into an access event and an error log', () => {
    const events = distributionLine(ERROR_500, 'registry');
    expect(events).toHaveLength(2);
    const [acc, log] = events;
    expect(acc).toMatchObject({
      type: 'access',
      component: 'registry',
      product: 'distribution',
      method: 'POST',
      path: '/v2/si504/curlprobe/blobs/uploads/',
      status: 500,
    });
    expect(acc?.type === 'access' && acc.durationMs).toBeCloseTo(25380.6, 1);
    expect(log).toMatchObject({ type: 'component.log', component: 'registry', level: 'error' });
    expect(log?.type === 'component.log' && log.line).toContain('status code: 504');
  });

  it('turns an info "response completed" into an access event only', () => {
    expect(distributionLine(INFO_201, 'registry')).toEqual([
      { type: 'access', component: 'registry', product: 'distribution', method: 'PUT', path: '/v2/lab/a/manifests/v1', status: 201, durationMs: 12.5 },
    ]);
  });

  it('logs a warning as warn, and ignores info lines without a response', () => {
    const warn = distributionLine('time="2026-11-22T05:57:00Z" level=warning msg="error authorizing context"', 'registry');
    expect(warn).toEqual([{ type: 'component.log', component: 'registry', product: 'distribution', level: 'warn', line: 'error authorizing context' }]);
    expect(distributionLine('time="2026-11-22T05:57:00Z" level=info msg="listening on 127.0.0.1:19501"', 'registry')).toEqual([]);
    expect(distributionLine('panic: runtime error', 'registry')).toEqual([]);
  });
});

describe('goDurationMs', () => {
  it('reads Go durations as ms', () => {
    expect(goDurationMs('812µs')).toBe(0.8);
    expect(goDurationMs('812us')).toBe(0.8);
    expect(goDurationMs('1.5ms')).toBe(1.5);
    expect(goDurationMs('25.380623664s')).toBe(25380.6);
    expect(goDurationMs('1m2.5s')).toBe(62_500);
    expect(goDurationMs('1h0m0s')).toBe(3_600_000);
    expect(goDurationMs('1500ns')).toBe(0);
  });
});

describe('logfmt', () => {
  it('reads bare and quoted values, unescaping quotes and newlines', () => {
    expect(logfmt('level=info msg="say \\"hi\\" now" empty= path=/v2/ detail="a\\n\\tb"')).toEqual({
      level: 'info',
      msg: 'say "hi" now',
      empty: '',
      path: '/v2/',
      detail: 'a\n\tb',
    });
  });

  it('does not read keys inside a quoted value', () => {
    expect(logfmt('msg="a=b c=d" x=1')).toEqual({ msg: 'a=b c=d', x: '1' });
  });
});

describe('unquoteGo', () => {
  it("undoes Go's %q escapes that JSON does not know", () => {
    expect(unquoteGo('"tls: \\x1b[31mbad\\x1b[0m \\a\\v \\u00e9 \\U0001F600 \\"q\\" \\\\"')).toBe('tls: \x1b[31mbad\x1b[0m \x07\v é 😀 "q" \\');
  });

  it('keeps a 500 line with such escapes as an access event and an error', () => {
    const line =
      'time="2026-11-22T05:57:31Z" level=error msg="response completed with error" err.detail="tls: \\x1b[31mbad" http.request.method=GET http.request.uri="/v2/" http.response.duration=1ms http.response.status=500';
    const events = distributionLine(line, 'registry');
    expect(events.map((e) => e.type)).toEqual(['access', 'component.log']);
    expect(events[1]?.type === 'component.log' && events[1].line).toContain('tls: \x1b[31mbad');
  });
});
