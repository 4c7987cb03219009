// Each log format against lines in its shape: what it understands, and that it refuses what is not its own.
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../lab/import/formats/index.ts';
import { clfTime } from '../../../lab/import/format.ts';
import { goDurationMs } from '../../../lab/import/formats/distribution.ts';
import { logFormatRegex } from '../../../lab/import/formats/nginx.ts';

const parse = (format: string, line: string, o = {}) => FORMATS.get(format).parse(line, { host: 'h1', ...o });

const ENVOY =
  '[2026-02-11T11:20:01.123Z] "PUT /docker-registry/docker/registry/v2/x/hashstates/sha256/0 HTTP/1.1" 504 SI 0 14 60001 - "10.0.0.1" "aws-sdk-go/1.44" "id-1" "apus.discovery.wmnet" "10.192.48.10:7480"';
const BEAST =
  'beast: 0x7f2b1c3e2700: 10.192.48.10 - docker-registry [11/Feb/2026:11:20:01.123 +0000] "GET /docker-registry/a HTTP/1.1" 200 566 - "aws-sdk-go/1.44" - latency=0.007000s';
const LOGRUS =
  'time="2026-02-11T11:21:01.2Z" level=error msg="response completed with error" err.detail="s3aws: status code: 504" http.request.method=PATCH http.request.uri="/v2/r/blobs/uploads/u?_state=x" http.response.duration=1m0.05s http.response.status=500 http.response.written=104';

describe('log formats', () => {
  it("read envoy's default format: status, flags, bytes both ways, duration, upstream host", () => {
    expect(parse('envoy', ENVOY)).toEqual({
      at: Date.parse('2026-02-11T11:20:01.123Z'),
      fact: {
        type: 'access',
        component: 's3-front',
        product: 'envoy',
        host: 'h1',
        method: 'PUT',
        path: '/docker-registry/docker/registry/v2/x/hashstates/sha256/0',
        status: 504,
        flags: 'SI',
        bytesIn: 0,
        bytesOut: 14,
        durationMs: 60001,
        upstream: '10.192.48.10:7480',
      },
    });
    expect(parse('envoy', BEAST)).toBeUndefined();
  });

  it("read envoy's JSON dictionaries under the names operators give the fields", () => {
    const line = JSON.stringify({
      start_time: '2026-02-11T11:20:01.123Z',
      method: 'PUT',
      path: '/b/k',
      response_code: 504,
      response_flags: 'SI',
      bytes_received: 0,
      bytes_sent: 14,
      duration: 60000,
    });
    expect(parse('envoy-json', line)?.fact).toMatchObject({ method: 'PUT', status: 504, flags: 'SI', bytesOut: 14, durationMs: 60000 });
    expect(FORMATS.get('envoy-json').detect(line)).toBe(true);
    expect(FORMATS.get('envoy-json').detect(JSON.stringify({ msg: 'x', level: 'info', time: 't' }))).toBe(false);
  });

  it("read nginx's combined lines, a log_format given, and its error log", () => {
    const combined = '10.64.16.1 - - [11/Feb/2026:11:21:01 +0000] "PATCH /v2/r/blobs/uploads/u HTTP/1.1" 500 104 "-" "docker/20.10"';
    expect(parse('nginx', combined)).toMatchObject({
      at: Date.parse('2026-02-11T11:21:01Z'),
      fact: { component: 'registry-front', method: 'PATCH', status: 500, bytesOut: 104 },
    });
    const logFormat = '$remote_addr [$time_iso8601] "$request" $status rt=$request_time up=$upstream_addr';
    const custom = '10.0.0.1 [2026-02-11T11:21:01+00:00] "PUT /v2/r/manifests/v1 HTTP/1.1" 201 rt=0.250 up=10.0.0.9:5000';
    expect(parse('nginx', custom, { logFormat })?.fact).toMatchObject({
      method: 'PUT',
      path: '/v2/r/manifests/v1',
      status: 201,
      durationMs: 250,
      upstream: '10.0.0.9:5000',
    });
    expect(logFormatRegex('$a [$b]').names).toEqual(['a', 'b']);
    expect(parse('nginx', '2026/02/11 11:21:01 [error] 12#0: *5 upstream timed out')?.fact).toMatchObject({ type: 'component.log', level: 'error' });
    expect(parse('nginx', 'hello')).toBeUndefined();
  });

  it("read Distribution's logrus text and JSON lines, and its combined access lines", () => {
    expect(parse('distribution', LOGRUS)).toMatchObject({
      at: Date.parse('2026-02-11T11:21:01.2Z'),
      fact: { type: 'access', component: 'registry', method: 'PATCH', path: '/v2/r/blobs/uploads/u?_state=x', status: 500, durationMs: 60050, bytesOut: 104 },
    });
    expect(parse('distribution', 'time="2026-02-11T11:21:01Z" level=warning msg="s3aws: retrying"')?.fact).toMatchObject({
      type: 'component.log',
      level: 'warn',
    });
    const json = JSON.stringify({
      time: '2026-02-11T11:21:01Z',
      level: 'error',
      msg: 'response completed with error',
      'http.request.method': 'PUT',
      'http.request.uri': '/v2/x',
      'http.response.status': 500,
    });
    expect(parse('distribution-json', json)?.fact).toMatchObject({ type: 'access', method: 'PUT', status: 500 });
    expect(parse('distribution', '10.0.0.1 - - [11/Feb/2026:11:21:01 +0000] "GET /v2/ HTTP/1.1" 200 2 "" "curl"')?.fact).toMatchObject({
      component: 'registry',
      status: 200,
    });
    expect(goDurationMs('1m0.5s')).toBe(60_500);
    expect(goDurationMs('350µs')).toBeCloseTo(0.35);
    expect(goDurationMs('soon')).toBeUndefined();
  });

  it("read radosgw's beast lines, its other lines, and its ops log", () => {
    expect(parse('rgw-beast', `2026-02-11T11:20:01.123+0000 7f2b1c3e2700  1 ${BEAST}`)?.fact).toMatchObject({
      component: 'object-store',
      method: 'GET',
      status: 200,
      durationMs: 7,
    });
    expect(parse('rgw-beast', '2026-02-11T11:20:01.123+0000 7f2b1c3e2700 -1 rgw: failed to read')?.fact).toMatchObject({
      type: 'component.log',
      level: 'error',
    });
    const ops = JSON.stringify({
      time: '2026-02-11T11:20:01.123Z',
      operation: 'put_obj',
      uri: 'PUT /b/k HTTP/1.1',
      http_status: '200',
      bytes_received: 12,
      bytes_sent: 0,
      total_time: 4,
    });
    expect(parse('rgw-ops', ops)?.fact).toMatchObject({ method: 'PUT', path: '/b/k', status: 200, bytesIn: 12, durationMs: 4 });
  });

  it("read journald's export by each message's identifier, on the entry's host and at its time", () => {
    const entry = (id: string, message: string) =>
      JSON.stringify({ __REALTIME_TIMESTAMP: '1770808801500000', _HOSTNAME: 'moss-fe2001', SYSLOG_IDENTIFIER: id, PRIORITY: '3', MESSAGE: message });
    expect(parse('journald', entry('radosgw', BEAST))).toMatchObject({
      at: 1770808801500,
      fact: { type: 'access', component: 'object-store', host: 'moss-fe2001', status: 200 },
    });
    expect(parse('journald', entry('radosgw', 'something else'))?.fact).toMatchObject({ type: 'component.log', component: 'object-store', level: 'error' });
    expect(parse('journald', entry('sshd', 'Accepted key'))?.fact).toMatchObject({ type: 'component.log', component: 'sshd', product: 'journald' });
    expect(parse('journald', 'not json')).toBeUndefined();
  });

  it('are detected by their own lines and no other format claims them first', () => {
    const lines = { envoy: ENVOY, 'rgw-beast': BEAST, distribution: LOGRUS };
    for (const [name, line] of Object.entries(lines)) expect(FORMATS.all.find((f) => f.detect(line))?.name).toBe(name);
  });

  it('read common log format times in their zone, with or without milliseconds, and refuse others', () => {
    expect(clfTime('11/Feb/2026:11:20:01.123 +0000')).toBe(Date.parse('2026-02-11T11:20:01.123Z'));
    expect(clfTime('11/Feb/2026:04:20:01 -0700')).toBe(Date.parse('2026-02-11T11:20:01Z'));
    expect(clfTime('11/Feb/2026:13:50:01.5 +0230')).toBe(Date.parse('2026-02-11T11:20:01.500Z'));
    for (const bad of ['11/Fev/2026:11:20:01 +0000', '11/Feb/2026:25:20:01 +0000', '2026-02-11T11:20:01Z']) expect(clfTime(bad), bad).toBeNaN();
  });
});
