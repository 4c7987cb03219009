import { describe, expect, it } from 'vitest';
import { minioAuditEntry } from '../../../../lab/products/minio/log.ts';

// an audit entry as MinIO posts it to its webhook (fields the lab does not read left out)
const entry = (name: string, path: string, statusCode = 200) =>
  JSON.stringify({
    version: '1',
    time: '2026-11-22T09:23:40Z',
    event: '',
    trigger: 'incoming',
    api: {
      name,
      bucket: 'registry',
      object: path.slice(10),
      status: 'OK',
      statusCode,
      rx: 20,
      tx: 0,
      timeToResponse: '1402117ns',
      timeToResponseInNS: '1402117',
    },
    requestPath: path,
    requestHost: '127.0.0.1:40001',
  });

describe('minioAuditEntry', () => {
  it('turns an S3 call into an access event with its method, path, status and duration', () => {
    expect(minioAuditEntry(entry('PutObject', '/registry/docker/registry/v2/repositories/lab/a/_uploads/u/startedat'), 'object-store')).toEqual([
      {
        type: 'access',
        component: 'object-store',
        product: 'minio',
        method: 'PUT',
        path: '/registry/docker/registry/v2/repositories/lab/a/_uploads/u/startedat',
        status: 200,
        durationMs: 1.4,
      },
    ]);
  });

  it('names the method of multipart, head and delete calls', () => {
    const method = (api: string) => (minioAuditEntry(entry(api, '/registry/k'), 'object-store')[0] as { method: string }).method;
    expect(['PutObjectPart', 'NewMultipartUpload', 'CompleteMultipartUpload', 'HeadObject', 'DeleteObject', 'ListObjectsV2', 'GetObject'].map(method)).toEqual([
      'PUT',
      'POST',
      'POST',
      'HEAD',
      'DELETE',
      'GET',
      'GET',
    ]);
  });

  it('skips entries that are not S3 calls', () => {
    expect(minioAuditEntry(JSON.stringify({ version: '1', api: {} }), 'object-store')).toEqual([]);
  });
});
