// The S3 calls the lab makes itself (bucket creation, listings, copies, warm-up writes), with the AWS SDK:
// one attempt per call (a retry would hide what the object store did) and checksums only where S3 requires them
// (RGW 16 and MinIO builds differ in the newer defaults).
import type { S3Client } from '@aws-sdk/client-s3';

// The lab runs on the Node 20 that Debian bookworm machines have; SDK releases up to the pinned one support it and
// say so on stderr in every run, which a person reads as a fault of the lab.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface S3Credentials {
  accessKey: string;
  secretKey: string;
}

/** A bucket of an object store. */
export interface Bucket {
  endpoint: string;
  credentials: S3Credentials;
  name: string;
}

/** A store's own bucket, or another of the same store by name. */
export function bucketOf(store: { endpoint: string; credentials: S3Credentials; bucket: string }, name = store.bucket): Bucket {
  return { endpoint: store.endpoint, credentials: store.credentials, name };
}

/** The SDK, loaded when the first S3 call is made: most commands make none, and it takes 150 ms to load. */
type Sdk = typeof import('@aws-sdk/client-s3');
let loading: Promise<Sdk> | undefined;
const sdk = () => (loading ??= import('@aws-sdk/client-s3'));

const clients = new Map<string, S3Client>();

async function client(b: Bucket): Promise<{ s3: S3Client; sdk: Sdk }> {
  const key = `${b.endpoint} ${b.credentials.accessKey}`;
  const mod = await sdk();
  let c = clients.get(key);
  if (!c) {
    c = new mod.S3Client({
      endpoint: b.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: b.credentials.accessKey, secretAccessKey: b.credentials.secretKey },
      maxAttempts: 1,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
    });
    clients.set(key, c);
  }
  return { s3: c, sdk: mod };
}

/** The HTTP status of a failed call, when the store answered. */
function statusOf(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** Runs one call; a failure is an Error saying what, with the store's status and error code. */
async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const status = statusOf(e);
    throw new Error(`${what}: ${status ? `HTTP ${status} ` : ''}${(e as Error).name}: ${(e as Error).message}`.slice(0, 300), { cause: e });
  }
}

/** Creates the bucket; one that this user already owns is fine. */
export async function createBucket(b: Bucket): Promise<void> {
  const { s3, sdk } = await client(b);
  try {
    await s3.send(new sdk.CreateBucketCommand({ Bucket: b.name }));
  } catch (e) {
    if ((e as Error).name === 'BucketAlreadyOwnedByYou') return;
    await call(`creating bucket ${b.name}`, () => Promise.reject(e));
  }
}

/** Every key of the bucket, page by page. */
export async function listKeys(b: Bucket): Promise<string[]> {
  const { s3, sdk } = await client(b);
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await call(`listing ${b.name}`, () => s3.send(new sdk.ListObjectsV2Command({ Bucket: b.name, ContinuationToken: token })));
    keys.push(...(page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

export async function putObject(b: Bucket, key: string, body: Uint8Array): Promise<void> {
  const { s3, sdk } = await client(b);
  await call(`writing ${key}`, () => s3.send(new sdk.PutObjectCommand({ Bucket: b.name, Key: key, Body: body })));
}

export async function getObject(b: Bucket, key: string): Promise<Uint8Array> {
  const { s3, sdk } = await client(b);
  const res = await call(`reading ${key}`, () => s3.send(new sdk.GetObjectCommand({ Bucket: b.name, Key: key })));
  return res.Body ? res.Body.transformToByteArray() : new Uint8Array();
}

/** Whether the object is there (HEAD answers 200); any other answer is "no". */
export async function hasObject(b: Bucket, key: string): Promise<boolean> {
  const { s3, sdk } = await client(b);
  try {
    await s3.send(new sdk.HeadObjectCommand({ Bucket: b.name, Key: key }));
    return true;
  } catch {
    return false;
  }
}

export async function deleteObject(b: Bucket, key: string): Promise<void> {
  const { s3, sdk } = await client(b);
  await call(`deleting ${key}`, () => s3.send(new sdk.DeleteObjectCommand({ Bucket: b.name, Key: key })));
}

/** Deletes every object of the bucket and aborts its unfinished multipart uploads; the bucket stays. Says how many. */
export async function emptyBucket(b: Bucket): Promise<string> {
  const { s3, sdk } = await client(b);
  const keys = await listKeys(b);
  for (let i = 0; i < keys.length; i += 1000) {
    const Objects = keys.slice(i, i + 1000).map((Key) => ({ Key }));
    await call(`deleting ${Objects.length} objects of ${b.name}`, () =>
      s3.send(new sdk.DeleteObjectsCommand({ Bucket: b.name, Delete: { Objects, Quiet: true } })),
    );
  }
  let aborted = 0;
  for (;;) {
    const page = await call(`listing the uploads of ${b.name}`, () => s3.send(new sdk.ListMultipartUploadsCommand({ Bucket: b.name })));
    const uploads = (page.Uploads ?? []).filter((u) => u.Key && u.UploadId);
    for (const { Key, UploadId } of uploads)
      await call(`aborting the upload of ${Key}`, () => s3.send(new sdk.AbortMultipartUploadCommand({ Bucket: b.name, Key, UploadId })));
    aborted += uploads.length;
    if (!page.IsTruncated || uploads.length === 0) break;
  }
  return `${keys.length} objects deleted, ${aborted} uploads aborted`;
}

/** Starts a multipart upload and aborts it at once (what makes RGW create its multipart pool). */
export async function startAndAbortMultipart(b: Bucket, key: string): Promise<void> {
  const { s3, sdk } = await client(b);
  const { UploadId } = await call(`starting a multipart upload of ${key}`, () => s3.send(new sdk.CreateMultipartUploadCommand({ Bucket: b.name, Key: key })));
  if (UploadId)
    await call(`aborting the multipart upload of ${key}`, () => s3.send(new sdk.AbortMultipartUploadCommand({ Bucket: b.name, Key: key, UploadId })));
}

/** Copies every object of `from` into `to` (GET then PUT, as an operator's sync tool would); how many objects and bytes. */
export async function copyBucket(from: Bucket, to: Bucket): Promise<{ objects: number; bytes: number }> {
  let bytes = 0;
  const keys = await listKeys(from);
  for (const key of keys) {
    const data = await getObject(from, key);
    await putObject(to, key, data);
    bytes += data.length;
  }
  return { objects: keys.length, bytes };
}
