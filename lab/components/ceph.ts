// Ceph as the object store: one mon, one memstore OSD and radosgw (beast), single-copy pools, no mgr,
// all state under the run directory. A fresh cluster per run, with an S3 user and bucket created for it.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cephConf } from '../../fixtures/config/ceph.ts';
import { s3Request } from '../clients/sigv4.ts';
import { ComponentError } from '../errors.ts';
import type { NewEvent } from '../events/schema.ts';
import { radosgwLine } from '../logs/radosgw.ts';
import type { Programs } from '../provision/programs.ts';
import { cleanEnv, Component, firstLine } from '../runtime/component.ts';
import type { PortAllocator } from '../runtime/ports.ts';
import { httpOk } from '../runtime/ready.ts';
import type { S3Credentials, S3Store } from './s3-store.ts';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const randomKey = (n: number) => Array.from(randomBytes(n), (b) => ALNUM[b % ALNUM.length]).join('');

export class Ceph extends Component implements S3Store {
  readonly product = 'ceph';
  private mon = { v1: 0, v2: 0 };
  private bindRange = { min: 0, max: 0 };
  readonly credentials: S3Credentials = { accessKey: randomKey(20), secretKey: randomBytes(30).toString('base64url') };
  readonly bucket = 'registry';

  override async allocate(ports: PortAllocator): Promise<void> {
    this.port = await ports.one();
    this.mon = { v1: await ports.one(), v2: await ports.one() };
    this.bindRange = await ports.range(16);
  }

  private get dir(): string {
    return join(this.ctx.dir, this.role);
  }

  private get env(): NodeJS.ProcessEnv {
    return cleanEnv({ CEPH_CONF: join(this.dir, 'ceph.conf') });
  }

  protected override parseLine(line: string, source: string): NewEvent[] {
    return source === 'rgw' ? radosgwLine(line, this.role) : [];
  }

  private tool(name: 'ceph' | 'ceph-authtool' | 'monmaptool' | 'radosgw-admin' | 'ceph-mon' | 'ceph-osd', args: string[]): Promise<string> {
    return this.run(this.ctx.programs.path(name), args, this.env);
  }

  protected async launch(): Promise<void> {
    const d = this.dir;
    for (const sub of ['mon', 'osd', 'rgw/ceph-rgw.a', 'run', 'log', 'crash']) mkdirSync(join(d, sub), { recursive: true });
    const fsid = randomUUID();
    writeFileSync(join(d, 'ceph.conf'), cephConf({ fsid, dir: d, monV1: this.mon.v1, monV2: this.mon.v2, bindRange: this.bindRange, rgwPort: this.port, memstoreBytes: 2 << 30 }));

    // mon
    await this.tool('ceph-authtool', ['--create-keyring', join(d, 'mon.keyring'), '--gen-key', '-n', 'mon.', '--cap', 'mon', 'allow *']);
    await this.tool('ceph-authtool', ['--create-keyring', join(d, 'keyring'), '--gen-key', '-n', 'client.admin', '--cap', 'mon', 'allow *', '--cap', 'osd', 'allow *', '--cap', 'mgr', 'allow *']);
    await this.tool('ceph-authtool', [join(d, 'mon.keyring'), '--import-keyring', join(d, 'keyring')]);
    await this.tool('monmaptool', ['--create', '--fsid', fsid, '--addv', 'a', `[v2:127.0.0.1:${this.mon.v2},v1:127.0.0.1:${this.mon.v1}]`, join(d, 'monmap')]);
    await this.tool('ceph-mon', ['--mkfs', '-i', 'a', '--monmap', join(d, 'monmap'), '--keyring', join(d, 'mon.keyring')]);
    const mon = this.spawn('mon', this.ctx.programs.path('ceph-mon'), ['-f', '-i', 'a'], this.env);

    // osd (the first `ceph` call waits for the mon to answer)
    const uuid = randomUUID();
    const secret = (await this.tool('ceph-authtool', ['--gen-print-key'])).trim();
    writeFileSync(join(d, 'osd-new.json'), JSON.stringify({ cephx_secret: secret }));
    const id = (await this.tool('ceph', ['--connect-timeout', '20', 'osd', 'new', uuid, '-i', join(d, 'osd-new.json')])).trim();
    rmSync(join(d, 'osd-new.json'));
    if (!/^\d+$/.test(id)) throw new ComponentError(this.role, `ceph osd new answered ${JSON.stringify(id)}`);
    mkdirSync(join(d, 'osd', `ceph-${id}`));
    await this.tool('ceph-osd', ['-i', id, '--mkfs', '--key', secret, '--osd-uuid', uuid]);
    await this.tool('ceph-authtool', ['--create-keyring', join(d, 'osd', `ceph-${id}`, 'keyring'), '-n', `osd.${id}`, '--add-key', secret]);
    this.spawn('osd', this.ctx.programs.path('ceph-osd'), ['-f', '-i', id], this.env);

    // radosgw
    await this.tool('ceph', ['auth', 'get-or-create', 'client.rgw.a', 'mon', 'allow rw', 'osd', 'allow rwx', 'mgr', 'allow rw', '-o', join(d, 'rgw', 'ceph-rgw.a', 'keyring')]);
    // radosgw logs its "beast:" access lines (level 1) only to its log file, not to stderr
    this.follow('rgw', join(d, 'log', 'client.rgw.a.log'));
    const rgw = this.spawn('rgw', this.ctx.programs.path('radosgw'), ['-f', '-n', 'client.rgw.a'], this.env);
    await this.ready(rgw, `radosgw on ${this.endpoint}`, () => httpOk(this.endpoint + '/'), 60_000);
    if (!mon.running) throw new ComponentError(this.role, `ceph-mon exited: ${mon.tail()}`);

    // the per-run S3 user and bucket
    await this.tool('radosgw-admin', ['user', 'create', '--uid=registry', '--display-name=registry', `--access-key=${this.credentials.accessKey}`, `--secret=${this.credentials.secretKey}`]);
    await this.s3('PUT', `/${this.bucket}`, 'creating the bucket');
    await this.warmUp();
  }

  private async s3(method: string, path: string, what: string, body?: Uint8Array): Promise<string> {
    const res = await s3Request(this.endpoint, method, path, this.credentials, body);
    if (res.status >= 300) throw new ComponentError(this.role, `${what}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
    return res.text;
  }

  /** RGW creates its data and multipart pools on first use, each waiting for a commit: do it now, not in the
   * middle of the first push, where it would look like a slow object store. */
  private async warmUp(): Promise<void> {
    const key = `/${this.bucket}/lab-warm-up`;
    await this.s3('PUT', key, 'warm-up PutObject', new TextEncoder().encode('warm-up'));
    await this.s3('DELETE', key, 'warm-up DeleteObject');
    const started = await this.s3('POST', `${key}?uploads`, 'warm-up CreateMultipartUpload');
    const id = /<UploadId>([^<]+)<\/UploadId>/.exec(started)?.[1];
    if (id) await this.s3('DELETE', `${key}?uploadId=${encodeURIComponent(id)}`, 'warm-up AbortMultipartUpload');
  }

  /** The bucket's hard quota in bytes (radosgw-admin, as the production bucket had one); null lifts it. */
  async setQuota(maxBytes: number | null): Promise<string> {
    const scope = ['--quota-scope=bucket', `--bucket=${this.bucket}`];
    if (maxBytes === null) await this.tool('radosgw-admin', ['quota', 'disable', ...scope]);
    else {
      await this.tool('radosgw-admin', ['quota', 'set', ...scope, `--max-size=${maxBytes}`]);
      await this.tool('radosgw-admin', ['quota', 'enable', ...scope]);
    }
    return this.tool('radosgw-admin', ['bucket', 'stats', `--bucket=${this.bucket}`]);
  }

  async version(programs: Programs): Promise<string> {
    return /ceph version (\S+)/.exec(await firstLine(programs.path('ceph-mon'), ['--version']))?.[1] ?? 'unknown';
  }
}
