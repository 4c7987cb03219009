// MinIO as the object-store: one server on a directory of the run, per-run root credentials and a bucket.
// MinIO logs no requests by itself; its audit webhook posts one JSON entry per S3 call to a listener of the
// lab on 127.0.0.1, and each becomes an access event, as radosgw's log lines do.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { bucketOf, createBucket, emptyBucket, type S3Credentials } from '../../clients/s3.ts';
import { ComponentError } from '../../core/errors.ts';
import { Component } from '../../runtime/component.ts';
import { cleanEnv } from '../../core/env.ts';
import type { PortAllocator } from '../../runtime/ports.ts';
import { httpOk } from '../../runtime/ready.ts';
import type { S3Store } from '../capabilities.ts';
import { minioAuditEntry } from './log.ts';

export class Minio extends Component implements S3Store {
  readonly product = 'minio';
  readonly credentials: S3Credentials = { accessKey: `lab${randomBytes(8).toString('hex')}`, secretKey: randomBytes(24).toString('base64url') };
  readonly bucket = 'registry';
  private console = 0;
  private auditPort = 0;
  private audit: Server | undefined;

  constructor(
    role: string,
    /** a `go install` build calls itself DEVELOPMENT.GOGET: the module version the lab installs says more */
    private readonly installed: string,
  ) {
    super(role);
  }

  override async allocate(ports: PortAllocator): Promise<void> {
    this.port = await ports.one();
    this.console = await ports.one(true);
    this.auditPort = await ports.one(true);
  }

  /** Receives the audit webhook's posts; a body the lab cannot read is dropped, never fatal. */
  private listen(): Promise<void> {
    this.audit = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d));
      req.on('end', () => {
        for (const line of body.split('\n').filter(Boolean)) {
          try {
            for (const e of minioAuditEntry(line, this.role)) this.ctx.events.append(e);
          } catch (e) {
            this.ctx.log.warn({ component: this.role, err: (e as Error).message, line: line.slice(0, 200) }, 'not an audit entry');
          }
        }
        res.end();
      });
    });
    return this.ctx.launcher.serve(this.audit, this.auditPort);
  }

  protected async launch(): Promise<void> {
    const data = join(this.ctx.dir, this.role, 'data');
    this.makeDirs(data);
    await this.listen();
    const env = cleanEnv({
      MINIO_ROOT_USER: this.credentials.accessKey,
      MINIO_ROOT_PASSWORD: this.credentials.secretKey,
      MINIO_BROWSER: 'off',
      MINIO_UPDATE: 'off',
      MINIO_AUDIT_WEBHOOK_ENABLE_lab: 'on',
      MINIO_AUDIT_WEBHOOK_ENDPOINT_lab: `http://127.0.0.1:${this.auditPort}/audit`,
    });
    const args = ['server', data, '--address', `${this.bindHost}:${this.port}`, '--console-address', `${this.bindHost}:${this.console}`, '--quiet'];
    const proc = this.spawn('minio', this.ctx.programs.path('minio'), args, env);
    await this.ready(proc, `GET ${this.endpoint}/minio/health/ready`, () => httpOk(`${this.endpoint}/minio/health/ready`, (s) => s === 200));
    await createBucket(bucketOf(this)).catch((e: Error) => {
      throw new ComponentError(this.role, e.message);
    });
    this.note({ kind: 'bucket', endpoint: this.endpoint, bucket: this.bucket, ...this.credentials });
  }

  /** Every object of the registry's bucket deleted, and its unfinished uploads aborted. */
  flush(): Promise<string> {
    return emptyBucket(bucketOf(this)).catch((e: Error) => {
      throw new ComponentError(this.role, e.message);
    });
  }

  override async stop(graceMs = 5000): Promise<void> {
    await super.stop(graceMs);
    await new Promise<void>((resolve) => (this.audit ? this.audit.close(() => resolve()) : resolve()));
    this.audit = undefined;
  }

  async version(): Promise<string> {
    return this.installed;
  }
}
