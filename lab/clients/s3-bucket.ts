// Bucket-level operations the lab makes itself over S3: create a bucket, list its keys, copy every object to
// another bucket (GET then PUT through the object store's own API, as an operator's sync tool would).
import type { S3Credentials } from '../components/s3-store.ts';
import { s3Request } from './sigv4.ts';

export interface Bucket {
  endpoint: string;
  credentials: S3Credentials;
  name: string;
}

async function ok(r: Promise<{ status: number; text: string; bytes: Buffer }>, what: string) {
  const res = await r;
  if (res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
  return res;
}

/** A bucket of an object store: its own, or another by name. */
export function bucketOf(store: { endpoint: string; credentials: S3Credentials; bucket: string }, name = store.bucket): Bucket {
  return { endpoint: store.endpoint, credentials: store.credentials, name };
}

const path = (key: string) => key.split('/').map(encodeURIComponent).join('/');
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Creates the bucket; one that this user already owns is fine. */
export async function createBucket(b: Bucket): Promise<void> {
  const res = await s3Request(b.endpoint, 'PUT', `/${b.name}`, b.credentials);
  if (res.status >= 300 && !res.text.includes('BucketAlreadyOwnedByYou')) throw new Error(`creating bucket ${b.name}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
}

/** Every key of the bucket (ListObjectsV2, page by page). */
export async function listKeys(b: Bucket): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const query = `list-type=2${token ? `&continuation-token=${encodeURIComponent(token)}` : ''}`;
    const { text } = await ok(s3Request(b.endpoint, 'GET', `/${b.name}?${query}`, b.credentials), `listing ${b.name}`);
    keys.push(...[...text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unescape(m[1]!)));
    token = /<IsTruncated>true<\/IsTruncated>/.test(text) ? unescape(/<NextContinuationToken>([^<]*)</.exec(text)?.[1] ?? '') : undefined;
  } while (token);
  return keys;
}

/** Copies every object of `from` into `to`; returns how many objects and bytes. */
export async function copyBucket(from: Bucket, to: Bucket): Promise<{ objects: number; bytes: number }> {
  let bytes = 0;
  const keys = await listKeys(from);
  for (const key of keys) {
    const got = await ok(s3Request(from.endpoint, 'GET', `/${from.name}/${path(key)}`, from.credentials), `reading ${key}`);
    await ok(s3Request(to.endpoint, 'PUT', `/${to.name}/${path(key)}`, to.credentials, got.bytes), `writing ${key}`);
    bytes += got.bytes.length;
  }
  return { objects: keys.length, bytes };
}
