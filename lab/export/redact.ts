// What a bundle must not carry out of this machine: the run's secrets (S3 keys, the registry's HTTP secret,
// Ceph keyrings, tempauth passwords), found in the run's own config files, and this machine's paths and name.

/** Values assigned to a key, secret or password in a config (YAML, ini, keyring, env, `--secret=` on a command
 * line): 12 characters or more, and not a path. */
export function secretsIn(text: string): string[] {
  const found = text.matchAll(/(?:access[-_]?key|secret[-_]?key|secret|password|passwd|\bkey)\w*["']?\s*[:=]\s*["']?(?!\/)([A-Za-z0-9+/_=.-]{12,})/gi);
  return [...new Set([...found].map((m) => m[1]!))];
}

export interface Redaction {
  secrets: readonly string[];
  /** this machine's paths, each with what stands for it in the bundle */
  paths: readonly (readonly [from: string, to: string])[];
}

/** The text with every secret replaced by <secret> and every path by its stand-in (the longest first). */
export function redact(text: string, r: Redaction): string {
  let out = text;
  for (const s of [...r.secrets].sort((a, b) => b.length - a.length)) out = out.replaceAll(s, '<secret>');
  for (const [from, to] of [...r.paths].filter(([f]) => f.length > 1).sort((a, b) => b[0].length - a[0].length)) out = out.replaceAll(from, to);
  return out;
}
