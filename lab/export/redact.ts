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

/** A path where it begins and ends: /tmp in /repro/tmp/body or /tmpfs is not the temp dir. */
export const pathAt = (path: string): RegExp => new RegExp(`(?<![\\w./-])${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`, 'g');

/** The text with every secret replaced by <secret> and every path (where it begins and ends) by its stand-in,
 * the longest first. */
export function redact(text: string, r: Redaction): string {
  let out = text;
  for (const s of [...r.secrets].sort((a, b) => b.length - a.length)) out = out.replaceAll(s, '<secret>');
  for (const [from, to] of [...r.paths].filter(([f]) => f.length > 1).sort((a, b) => b[0].length - a[0].length)) out = out.replace(pathAt(from), to);
  return out;
}

/** A new value for a secret, of the same shape: a Ceph key (base64 of a 12-byte header and the key) stays a
 * valid key of the same type and length; anything else keeps its length and which characters are letters,
 * digits or punctuation. */
export function freshSecret(secret: string, random: (n: number) => Buffer): string {
  const raw = /^[A-Za-z0-9+/]+={0,2}$/.test(secret) ? Buffer.from(secret, 'base64') : Buffer.alloc(0);
  if (raw.length > 12 && raw.readUInt16LE(10) === raw.length - 12) {
    const header = Buffer.from(raw.subarray(0, 12));
    header.writeUInt32LE(Math.floor(Date.now() / 1000), 2);
    return Buffer.concat([header, random(raw.length - 12)]).toString('base64');
  }
  const bytes = random(secret.length);
  const pick = (set: string, i: number) => set[bytes[i]! % set.length]!;
  return [...secret]
    .map((c, i) =>
      /[a-z]/.test(c)
        ? pick('abcdefghijklmnopqrstuvwxyz', i)
        : /[A-Z]/.test(c)
          ? pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ', i)
          : /\d/.test(c)
            ? pick('0123456789', i)
            : c,
    )
    .join('');
}
