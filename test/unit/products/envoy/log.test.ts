import { describe, expect, it } from 'vitest';
import { envoyAccess } from '../../../../lab/products/envoy/log.ts';

describe('envoyAccess', () => {
  it('turns a stream idle timeout line into an access event with flag SI', () => {
    const line =
      '{"cluster":"link","details":"stream_idle_timeout","flags":"SI","method":"PUT","ms":1000,"path":"/x","status":504,"received":0,"sent":24,"amzDate":"20261122T055710Z"}';
    expect(envoyAccess(line, 's3-front')).toEqual([
      { type: 'access', component: 's3-front', product: 'envoy', method: 'PUT', path: '/x', status: 504, flags: 'SI', upstream: 'link', durationMs: 1000 },
    ]);
  });

  it('leaves upstream unset when no cluster was chosen', () => {
    const [e] = envoyAccess('{"cluster":"-","flags":"NR","method":"GET","ms":0,"path":"/y","status":404}', 's3-front');
    expect(e).toMatchObject({ status: 404, flags: 'NR' });
    expect(e?.type === 'access' && e.upstream).toBeUndefined();
  });

  it('ignores non-JSON and non-access lines', () => {
    expect(envoyAccess('[2026-11-22 05:57:00.000][1][info][main] starting main dispatch loop', 's3-front')).toEqual([]);
    expect(envoyAccess('{"not":"access"}', 's3-front')).toEqual([]);
    expect(envoyAccess('{"method":', 's3-front')).toEqual([]);
  });
});
