import { describe, expect, it } from 'vitest';
import { radosgwLine } from '../../../../lab/products/ceph/log.ts';

// ceph pacific 16.2.15, debug rgw = 1
const PUT =
  '2026-11-22T05:57:10.924+0000 7f3c2effd700  1 beast: 0x7f3c2effc6f0: 127.0.0.1 - registry [22/Nov/2026:05:57:10.924 +0000] "PUT /registry/docker/registry/v2/repositories/a/_uploads/6f1c/startedat HTTP/1.1" 200 0 - "aws-sdk-go/1.44.133 (go1.19.8; linux; amd64)" - latency=0.004000160s';

describe('radosgwLine', () => {
  it('turns a beast line into an access event', () => {
    expect(radosgwLine(PUT, 'object-store')).toEqual([
      {
        type: 'access',
        component: 'object-store',
        product: 'ceph',
        method: 'PUT',
        path: '/registry/docker/registry/v2/repositories/a/_uploads/6f1c/startedat',
        status: 200,
        durationMs: 4,
      },
    ]);
  });

  it('reads an anonymous request with a query string and a slow latency', () => {
    const line =
      '2026-11-22T05:58:00.001+0000 7f3c2effd700  1 beast: 0x7f3c2effc6f0: 127.0.0.1 - - [22/Nov/2026:05:58:00.001 +0000] "GET /registry?list-type=2&prefix=docker HTTP/1.1" 404 219 - "curl/7.88.1" - latency=1.250000000s';
    expect(radosgwLine(line, 'object-store')).toMatchObject([{ method: 'GET', path: '/registry?list-type=2&prefix=docker', status: 404, durationMs: 1250 }]);
  });

  it('ignores other radosgw lines', () => {
    expect(radosgwLine('2026-11-22T05:57:10.920+0000 7f3c2effd700  1 ====== starting new request req=0x7f3c2effc6f0 =====', 'object-store')).toEqual([]);
    expect(
      radosgwLine(
        '2026-11-22T05:57:10.924+0000 7f3c2effd700  1 ====== req done req=0x7f3c2effc6f0 op status=0 http_status=200 latency=0.004000160s ======',
        'object-store',
      ),
    ).toEqual([]);
  });
});
