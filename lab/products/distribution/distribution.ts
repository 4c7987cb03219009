// Docker Distribution (the registry): 2.8 from Debian's docker-registry package or 3.x built with `go install`,
// on S3, Swift (2.8 only) or the filesystem, with the Redis blob-descriptor cache when the topology has a cache.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { distributionConfig, type Storage } from '../../../fixtures/config/distribution.ts';
import type { NewEvent } from '../../core/events/schema.ts';
import type { Programs } from '../../provision/programs.ts';
import { Component, firstLine } from '../../runtime/component.ts';
import { cleanEnv } from '../../core/env.ts';
import { httpOk } from '../../runtime/ready.ts';
import { REDIS, S3_STORE, SWIFT_STORE } from '../capabilities.ts';
import { distributionLine } from './log.ts';

export interface DistributionOptions {
  version: '2.8' | '3';
  /** the program it runs (Debian's 2.8, or 3.x built from its module) */
  program: string;
  storage: 's3' | 'swift' | 'filesystem';
  /** the role S3 requests go to (the s3-front, or the object store itself) */
  s3Via?: string;
  /** the role holding the S3 credentials and bucket */
  objectStore?: string;
  cache?: string;
  redisHealthCheck?: boolean;
}

export class Distribution extends Component {
  readonly product = 'distribution';
  /** kept across restarts: upload state tokens are signed with it */
  private readonly secret = randomBytes(16).toString('hex');
  private readOnly = false;
  /** another bucket (a switch to a new bucket) or S3 endpoint (a failover to another zone) than its own */
  private target: { bucket?: string; endpoint?: string } = {};

  constructor(
    role: string,
    readonly opts: DistributionOptions,
  ) {
    super(role);
  }

  private get program(): string {
    return this.opts.program;
  }

  /** The rendered config.yml (garbage-collect reads it too). */
  get configFile(): string {
    return join(this.ctx.dir, this.role, 'config.yml');
  }

  /** Where the filesystem driver keeps blobs (filesystem storage only). */
  get root(): string {
    return join(this.ctx.dir, this.role, 'storage');
  }

  protected override parseLine(line: string): NewEvent[] {
    return distributionLine(line, this.role);
  }

  private storage(): Storage {
    if (this.opts.storage === 'filesystem') return { driver: 'filesystem', root: this.root };
    if (this.opts.storage === 'swift') {
      const swift = this.ctx.capable(this.opts.objectStore ?? 'object-store', SWIFT_STORE);
      return { driver: 'swift', authUrl: swift.authUrl, username: swift.user, password: swift.key, container: swift.container };
    }
    const store = this.ctx.capable(this.opts.objectStore ?? 'object-store', S3_STORE);
    const via = this.ctx.peer(this.opts.s3Via ?? 'object-store');
    return {
      driver: 's3',
      endpoint: this.target.endpoint ?? `http://127.0.0.1:${via.port}`,
      bucket: this.target.bucket ?? store.bucket,
      accessKey: store.credentials.accessKey,
      secretKey: store.credentials.secretKey,
    };
  }

  protected async launch(): Promise<void> {
    const dir = join(this.ctx.dir, this.role);
    mkdirSync(dir, { recursive: true });
    const redis = this.opts.cache ? this.ctx.capable(this.opts.cache, REDIS).endpoint : undefined;
    writeFileSync(
      this.configFile,
      distributionConfig({
        version: this.opts.version,
        port: this.port,
        secret: this.secret,
        storage: this.storage(),
        redis,
        readOnly: this.readOnly,
        redisHealthCheck: this.opts.redisHealthCheck,
      }),
    );
    // 3.x exports OpenTelemetry traces to localhost:4318 unless told not to
    const proc = this.spawn('distribution', this.ctx.programs.path(this.program), ['serve', this.configFile], cleanEnv({ OTEL_TRACES_EXPORTER: 'none' }));
    await this.ready(proc, `GET ${this.endpoint}/v2/`, () => httpOk(`${this.endpoint}/v2/`, (s) => s === 200));
  }

  /** Restarts in (or out of) maintenance read-only mode. */
  async setReadOnly(on: boolean): Promise<void> {
    this.readOnly = on;
    await this.restart();
  }

  /** Restarts on another bucket or S3 endpoint ({}: its own again). */
  async retarget(target: { bucket?: string; endpoint?: string }): Promise<void> {
    this.target = target;
    await this.restart();
  }

  /** `registry garbage-collect` on this registry's storage, while it runs; returns what it printed. */
  async garbageCollect(dryRun = false): Promise<string> {
    return this.run(this.ctx.programs.path(this.program), ['garbage-collect', ...(dryRun ? ['--dry-run'] : []), this.configFile], undefined, 120_000, true);
  }

  async version(programs: Programs): Promise<string> {
    return (await firstLine(programs.path(this.program), ['--version'])).split(' ').pop() ?? 'unknown';
  }
}
