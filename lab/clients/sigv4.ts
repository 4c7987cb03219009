// AWS Signature Version 4 for S3 requests the lab makes itself (bucket creation, listings).
import { createHash, createHmac } from 'node:crypto';
import { request } from 'undici';
import type { S3Credentials } from '../components/s3-store.ts';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

export interface SignInput {
  method: string;
  url: URL;
  body?: Uint8Array;
  credentials: S3Credentials;
  region?: string;
  now?: Date;
}

/** The headers to send with the request: host, x-amz-date, x-amz-content-sha256, authorization. */
export function signV4({ method, url, body, credentials, region = 'us-east-1', now = new Date() }: SignInput): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payload = sha256(body ?? '');
  const headers: Record<string, string> = { host: url.host, 'x-amz-content-sha256': payload, 'x-amz-date': amzDate };
  const names = Object.keys(headers).sort();
  const path = url.pathname.split('/').map((s) => encode(decodeURIComponent(s))).join('/');
  const query = [...url.searchParams].map(([k, v]) => `${encode(k)}=${encode(v)}`).sort().join('&');
  const canonical = [method, path, query, names.map((n) => `${n}:${headers[n]}\n`).join(''), names.join(';'), payload].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac('AWS4' + credentials.secretKey, day), region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKey}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}

/** One signed S3 request; returns status and body (as bytes, and as text). */
export async function s3Request(endpoint: string, method: string, path: string, credentials: S3Credentials, body?: Uint8Array): Promise<{ status: number; text: string; bytes: Buffer }> {
  const url = new URL(path, endpoint);
  const res = await request(url, { method: method as 'PUT', headers: signV4({ method, url, body, credentials }), body, signal: AbortSignal.timeout(30_000) });
  const bytes = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, text: bytes.toString('utf8'), bytes };
}
