// Docker Distribution (the registry): 2.8 from Debian's docker-registry package or 3.x built with `go install`,
// on S3, Swift (2.8 only) or the filesystem, with the Redis blob-descriptor cache when the topology has a cache.
// With replicas, each is its own process on its own port with its own config (r1 … rN), all on the same
// storage and cache, with one http.secret or one each; the registry-front balances over them.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { distributionConfig, type Storage } from '../../../fixtures/config/distribution.ts';
import type { NewEvent } from '../../core/events/schema.ts';
import type { Programs } from '../../provision/programs.ts';
import { Component } from '../../runtime/component.ts';
import { cleanEnv } from '../../core/env.ts';
import type { PortAllocator } from '../../runtime/ports.ts';
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
  /** how many processes serve the registry (1 when not given) */
  replicas?: number;
  /** one http.secret for every replica, or one each (they then reject each other's upload state) */
  secret?: 'shared' | 'per-replica';
}

/** The server names of n replicas, r1 … rn; none for one (the registry is then its only server). */
export const replicaNames = (n: number): string[] => (n > 1 ? Array.from({ length: n }, (_, i) => `r${i + 1}`) : []);

/** n http.secrets: the same one n times, or n different ones. Generated per run, never written anywhere else
 * than the rendered configs. */
export function secretsFor(n: number, mode: 'shared' | 'per-replica' = 'shared'): string[] {
  const shared = randomBytes(16).toString('hex');
  return Array.from({ length: n }, (_, i) => (mode === 'per-replica' && i > 0 ? randomBytes(16).toString('hex') : shared));
}

/** One process of the registry: its server name (none for a single replica), process name, port, secret and
 * config file. A single replica is the registry as it always was: `config.yml`, process `distribution`. */
export interface Replica {
  server?: string;
  process: string;
  port: number;
  secret: string;
  file: string;
}

export function replicasOf(dir: string, ports: readonly number[], secrets: readonly string[]): Replica[] {
  if (ports.length === 1) return [{ process: 'distribution', port: ports[0]!, secret: secrets[0]!, file: join(dir, 'config.yml') }];
  return replicaNames(ports.length).map((server, i) => ({
    server,
    process: server,
    port: ports[i]!,
    secret: secrets[i]!,
    file: join(dir, `config-${server}.yml`),
  }));
}

export class Distribution extends Component {
  readonly product = 'distribution';
  /** one per replica, kept across restarts: upload state tokens are signed with it */
  private readonly secrets: string[];
  private ports: number[] = [];
  private readOnly = false;
  /** another bucket (a switch to a new bucket) or S3 endpoint (a failover to another zone) than its own */
  private target: { bucket?: string; endpoint?: string } = {};

  constructor(
    role: string,
    readonly opts: DistributionOptions,
  ) {
    super(role);
    this.secrets = secretsFor(opts.replicas ?? 1, opts.secret);
  }

  override async allocate(ports: PortAllocator): Promise<void> {
    this.port = await ports.one();
    this.ports = [this.port];
    while (this.ports.length < this.secrets.length) this.ports.push(await ports.one());
  }

  /** The port of a replica (r2); the main port (r1's) when none is named. */
  override portOf(name?: string): number {
    if (name === undefined) return this.port;
    const i = replicaNames(this.ports.length).indexOf(name);
    if (i < 0) throw new Error(`distribution has no server ${name}`);
    return this.ports[i]!;
  }

  /** Its replicas with their ports, for the front that balances over them; none when it is one process. */
  get servers(): { server: string; port: number }[] {
    return replicaNames(this.ports.length).map((server, i) => ({ server, port: this.ports[i]! }));
  }

  private replicas(): Replica[] {
    return replicasOf(join(this.ctx.dir, this.role), this.ports, this.secrets);
  }

  private get program(): string {
    return this.opts.program;
  }

  /** The rendered config.yml, r1's with replicas (garbage-collect reads it: every replica has the same storage). */
  get configFile(): string {
    return this.replicas()[0]!.file;
  }

  /** Where the filesystem driver keeps blobs (filesystem storage only). */
  get root(): string {
    return join(this.ctx.dir, this.role, 'storage');
  }

  /** `process` is the replica's server name when there are several. */
  protected override parseLine(line: string, process: string): NewEvent[] {
    return distributionLine(line, this.role, this.ports.length > 1 ? process : undefined);
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
    this.makeDirs(dir);
    const redis = this.opts.cache ? this.ctx.capable(this.opts.cache, REDIS).endpoint : undefined;
    const storage = this.storage();
    const started = this.replicas().map((r) => {
      this.render(
        r.file,
        distributionConfig({
          version: this.opts.version,
          port: r.port,
          bind: this.bindHost,
          secret: r.secret,
          storage,
          redis,
          readOnly: this.readOnly,
          redisHealthCheck: this.opts.redisHealthCheck,
        }),
      );
      // 3.x exports OpenTelemetry traces to localhost:4318 unless told not to
      const proc = this.spawn(r.process, this.ctx.programs.path(this.program), ['serve', r.file], cleanEnv({ OTEL_TRACES_EXPORTER: 'none' }));
      return { url: `http://127.0.0.1:${r.port}/v2/`, proc };
    });
    await Promise.all(started.map(({ url, proc }) => this.ready(proc, `GET ${url}`, () => httpOk(url, (s) => s === 200))));
  }

  /** Restarts (every replica) in (or out of) maintenance read-only mode. */
  async setReadOnly(on: boolean): Promise<void> {
    this.readOnly = on;
    await this.restart();
  }

  /** Restarts (every replica) on another bucket or S3 endpoint ({}: its own again). */
  async retarget(target: { bucket?: string; endpoint?: string }): Promise<void> {
    this.target = target;
    await this.restart();
  }

  /** `registry garbage-collect` on this registry's storage (with r1's config), while it runs; returns what it printed. */
  async garbageCollect(dryRun = false): Promise<string> {
    // its whole output in logs/<role>-gc-<n>.log; a failure names that file
    const { output } = await this.ctx.launcher.runOnce(this.ctx.dir, {
      component: this.role,
      name: 'gc',
      command: this.ctx.programs.path(this.program),
      args: ['garbage-collect', ...(dryRun ? ['--dry-run'] : []), this.configFile],
      env: cleanEnv(),
      timeoutMs: 120_000,
      signal: this.ctx.signal,
      log: this.ctx.log,
    });
    return output;
  }

  async version(programs: Programs): Promise<string> {
    return (await programs.firstLine(this.program, ['--version'])).split(' ').pop() ?? 'unknown';
  }
}
