// MinIO's audit log entries (JSON, posted to the lab's audit webhook) → access events.
import type { NewEvent } from '../../core/events/schema.ts';

/** The HTTP method of an S3 API call as MinIO names it (the audit entry has no method field). */
function methodOf(api: string): string {
  if (/^(PutObject|PutObjectPart|CopyObject|CopyObjectPart|PutBucket)/.test(api) || api === 'MakeBucket') return 'PUT';
  if (/^(NewMultipartUpload|CompleteMultipartUpload|DeleteMultipleObjects|PostPolicy)/.test(api)) return 'POST';
  if (/^(DeleteObject|AbortMultipartUpload|DeleteBucket)/.test(api)) return 'DELETE';
  if (/^Head/.test(api)) return 'HEAD';
  return 'GET';
}

interface AuditEntry {
  api?: { name?: string; statusCode?: number; timeToResponseInNS?: string };
  requestPath?: string;
}

export function minioAuditEntry(json: string, component: string): NewEvent[] {
  const e = JSON.parse(json) as AuditEntry;
  if (!e.api?.name || !e.requestPath) return [];
  const ns = Number(e.api.timeToResponseInNS ?? NaN);
  return [
    {
      type: 'access',
      component,
      product: 'minio',
      method: methodOf(e.api.name),
      path: e.requestPath,
      status: e.api.statusCode ?? 0,
      ...(Number.isFinite(ns) && { durationMs: Math.round(ns / 1e5) / 10 }),
    },
  ];
}
