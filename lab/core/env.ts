// The environment a child of the lab runs in.

/** A clean environment: no AWS_CA_BUNDLE (it makes Distribution's S3 driver panic), no proxies. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', LANG: 'C.UTF-8', ...extra };
}
