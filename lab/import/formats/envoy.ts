// envoy's default access log format:
// [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS%
// %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%"
// "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"
import { defineFormat, type Fact, num, type ParseOptions } from '../format.ts';

type AccessFields = Pick<Extract<Fact, { type: 'access' }>, 'method' | 'path' | 'status' | 'flags' | 'bytesIn' | 'bytesOut' | 'durationMs' | 'upstream'>;

/** envoy's access fact on the s3-front lane, from its fields however the line wrote them ("-": none). */
export function envoyFact(o: ParseOptions, { upstream, ...f }: AccessFields): Fact {
  const fact: Fact = o.host
    ? { type: 'access', component: 's3-front', product: 'envoy', host: o.host, ...f }
    : { type: 'access', component: 's3-front', product: 'envoy', ...f };
  if (upstream && upstream !== '-') fact.upstream = upstream;
  return fact;
}

const LINE = /^\[([^\]]+)\] "(\S+) (\S+)(?: [^"]*)?" (\d{1,3}) (\S+) (\d+|-) (\d+|-) (\d+|-) \S+(?: "[^"]*" "[^"]*" "[^"]*" "[^"]*" "([^"]*)")?/;

export default defineFormat({
  name: 'envoy',
  about: "envoy's default access log format (as in global_tls.log)",
  product: 'envoy',
  component: 's3-front',
  identifiers: ['envoy'],
  detect: (line) => LINE.test(line),
  parse(line, o) {
    const m = LINE.exec(line);
    if (!m) return undefined;
    const at = Date.parse(m[1]!);
    if (Number.isNaN(at)) return undefined;
    const [method, path, status, flags] = [m[2]!, m[3]!, Number(m[4]), m[5]!];
    return { at, fact: envoyFact(o, { method, path, status, flags, bytesIn: num(m[6]), bytesOut: num(m[7]), durationMs: num(m[8]), upstream: m[9] }) };
  },
});
