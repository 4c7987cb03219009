// MinIO as the object store: one server on a directory of the run; its S3 calls arrive as audit webhook posts.
import { z } from 'zod';
import { goModule } from '../../provision/programs.ts';
import { FLUSH, S3_STORE } from '../capabilities.ts';
import { defineProduct } from '../product.ts';
import { Minio } from './minio.ts';

// MinIO publishes no semver tags: the module version of its last commit on the proxy
const server = goModule('github.com/minio/minio', 'v0.0.0-20260212201848-7aac2a2c5b7c', 'minio');

export default defineProduct({
  name: 'minio',
  about: 'MinIO (built with go install), one server, per-run root keys and a bucket',
  fills: { 'object-store': z.object({}).strict() },
  programs: { minio: server },
  image: () => ({ name: 'minio', suite: 'bookworm' }),
  capabilities: () => [S3_STORE, FLUSH],
  build: ({ role }) => ({ component: new Minio(role, server.version), dependsOn: [] }),
});
