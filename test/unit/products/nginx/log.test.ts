import { describe, expect, it } from 'vitest';
import { nginxLine } from '../../../../lab/products/nginx/log.ts';

describe('nginxLine', () => {
  it('turns a JSON access line into an access event', () => {
    const line = '{"method":"PUT","path":"/registry/x?partNumber=1","status":504,"upstream":"link","upstreamStatus":"504","ms":1.001}';
    expect(nginxLine(line, 's3-front')).toEqual([
      {
        type: 'access',
        component: 's3-front',
        product: 'nginx',
        method: 'PUT',
        path: '/registry/x?partNumber=1',
        status: 504,
        upstream: 'link (504)',
        durationMs: 1001,
      },
    ]);
  });

  it('marks a missing upstream status with -', () => {
    const [e] = nginxLine('{"method":"GET","path":"/v2/","status":200,"upstream":"registry","upstreamStatus":"","ms":0.002}', 'registry-front');
    expect(e).toMatchObject({ upstream: 'registry (-)', durationMs: 2 });
  });

  it('turns an error-log line into an error component.log', () => {
    const line = '2026/11/22 05:58:01 [error] 25158#25158: *109 upstream timed out (110: Connection timed out) while reading response header from upstream';
    expect(nginxLine(line, 's3-front')).toEqual([{ type: 'component.log', component: 's3-front', product: 'nginx', level: 'error', line }]);
  });

  it('keeps warn, drops notice and garbage', () => {
    expect(nginxLine('2026/11/22 05:58:01 [warn] 25158#25158: *1 an upstream response is buffered to a temporary file', 'x')).toMatchObject([
      { level: 'warn' },
    ]);
    expect(nginxLine('2026/11/22 05:58:01 [notice] 25158#25158: signal process started', 'x')).toEqual([]);
    expect(nginxLine('{"method":', 'x')).toEqual([]);
  });
});
