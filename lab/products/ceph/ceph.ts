// Ceph as the object store: one mon, one memstore OSD and radosgw (beast), single-copy pools, no mgr,
// all state under the run directory. A fresh cluster per run, with an S3 user and bucket created for it.
// Multisite: two radosgw (zones za and zb, ceph-zones.ts) with real RGW sync from za to zb, whose status is
// polled and recorded as replication events.
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { shellWord } from '../../core/shell.ts';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cephConf } from '../../../fixtures/config/ceph.ts';
import {
  bucketOf,
  createBucket,
  deleteObject,
  emptyBucket,
  hasObject,
  listKeys,
  putObject,
  startAndAbortMultipart,
  type S3Credentials,
} from '../../clients/s3.ts';
import { ComponentError } from '../../core/errors.ts';
import type { NewEvent } from '../../core/events/schema.ts';
import type { Programs } from '../../provision/programs.ts';
import { Component } from '../../runtime/component.ts';
import { cleanEnv } from '../../core/env.ts';
import type { PortAllocator } from '../../runtime/ports.ts';
import { httpOk } from '../../runtime/ready.ts';
import { FAULT_PROXY, type S3Store, type SyncStatus, type Zone } from '../capabilities.ts';
import { radosgwLine } from './log.ts';
import { syncStatus, zoneSetup } from './zones.ts';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const randomKey = (n: number) => Array.from(randomBytes(n), (b) => ALNUM[b % ALNUM.length]).join('');

type Tool = 'ceph' | 'ceph-authtool' | 'monmaptool' | 'radosgw-admin' | 'ceph-mon' | 'ceph-osd';
type Step = [Tool, string[]];
const RGW_CAPS = ['mon', 'allow rw', 'osd', 'allow rwx', 'mgr', 'allow rw'];

export interface CephOptions {
  /** two zones, za (the main port) and zb; za's advertised endpoint may be a fault-proxy link */
  multisite?: { syncVia?: { proxy: string; link: string } };
}

export class Ceph extends Component implements S3Store {
  readonly product = 'ceph';
  private zbPort = 0;
  private polling: AbortController | undefined;
  private mon = { v1: 0, v2: 0 };
  private bindRange = { min: 0, max: 0 };
  readonly credentials: S3Credentials = { accessKey: randomKey(20), secretKey: randomBytes(30).toString('base64url') };
  readonly bucket = 'registry';

  constructor(
    role: string,
    readonly opts: CephOptions = {},
  ) {
    super(role);
  }

  override async allocate(ports: PortAllocator): Promise<void> {
    this.port = await ports.one();
    if (this.opts.multisite) this.zbPort = await ports.one();
    this.mon = { v1: await ports.one(true), v2: await ports.one(true) };
    this.bindRange = await ports.range(16);
  }

  /** za is the main port; zb the secondary zone's radosgw */
  override portOf(name?: string): number {
    if (name === undefined || name === 'za') return this.port;
    if (name === 'zb' && this.opts.multisite) return this.zbPort;
    return super.portOf(name);
  }

  zoneEndpoint(zone: Zone): string {
    return `http://127.0.0.1:${this.portOf(zone)}`;
  }

  private get dir(): string {
    return join(this.ctx.dir, this.role);
  }

  private get env(): NodeJS.ProcessEnv {
    return cleanEnv({ CEPH_CONF: join(this.dir, 'ceph.conf') });
  }

  protected override parseLine(line: string, source: string): NewEvent[] {
    if (source === 'rgw') return radosgwLine(line, this.role);
    // zb's lines are its own component: which zone answered is evidence
    return source === 'rgw-zb' ? radosgwLine(line, `${this.role}:zb`) : [];
  }

  private get rgws(): Array<{ id: string; port: number; zone?: string }> {
    return this.opts.multisite
      ? [
          { id: 'za', port: this.port, zone: 'za' },
          { id: 'zb', port: this.zbPort, zone: 'zb' },
        ]
      : [{ id: 'a', port: this.port }];
  }

  private tool(name: Tool, args: string[]): Promise<string> {
    return this.run(this.ctx.programs.path(name), args, this.env);
  }

  /** Tools run one after the other as one command (`sh -e`): in containers each command is an exec. */
  private tools(steps: Step[]): Promise<string> {
    const script = steps.map(([name, args]) => [this.ctx.programs.path(name), ...args].map(shellWord).join(' ')).join('\n');
    return this.run('/bin/sh', ['-ec', script], this.env);
  }

  protected async launch(): Promise<void> {
    const d = this.dir;
    this.makeDirs(...['mon', 'osd', 'run', 'log', 'crash', ...this.rgws.map((r) => `rgw/ceph-rgw.${r.id}`)].map((sub) => join(d, sub)));
    const fsid = randomUUID();
    this.render(
      join(d, 'ceph.conf'),
      cephConf({
        fsid,
        dir: d,
        monV1: this.mon.v1,
        monV2: this.mon.v2,
        bindRange: this.bindRange,
        bind: this.bindHost,
        rgws: this.rgws,
        memstoreBytes: 2 << 30,
      }),
    );

    // mon; and the OSD's key, last, as the last line of the output
    const monKeyring = join(d, 'mon.keyring');
    const adminCaps = ['mon', 'osd', 'mgr'].flatMap((c) => ['--cap', c, 'allow *']);
    const out = await this.tools([
      ['ceph-authtool', ['--create-keyring', monKeyring, '--gen-key', '-n', 'mon.', '--cap', 'mon', 'allow *']],
      ['ceph-authtool', ['--create-keyring', join(d, 'keyring'), '--gen-key', '-n', 'client.admin', ...adminCaps]],
      ['ceph-authtool', [monKeyring, '--import-keyring', join(d, 'keyring')]],
      ['monmaptool', ['--create', '--fsid', fsid, '--addv', 'a', `[v2:127.0.0.1:${this.mon.v2},v1:127.0.0.1:${this.mon.v1}]`, join(d, 'monmap')]],
      ['ceph-mon', ['--mkfs', '-i', 'a', '--monmap', join(d, 'monmap'), '--keyring', monKeyring]],
      ['ceph-authtool', ['--gen-print-key']],
    ]);
    const secret = out.trim().split('\n').pop() ?? '';
    if (!/^[A-Za-z0-9+/]{38,}={0,2}$/.test(secret)) throw new ComponentError(this.role, `ceph-authtool --gen-print-key answered ${JSON.stringify(secret)}`);
    const mon = this.spawn('mon', this.ctx.programs.path('ceph-mon'), ['-f', '-i', 'a'], this.env);

    // osd (the first `ceph` call waits for the mon to answer), and each radosgw's key
    const uuid = randomUUID();
    this.render(join(d, 'osd-new.json'), JSON.stringify({ cephx_secret: secret }));
    const id = (await this.tool('ceph', ['--connect-timeout', '20', 'osd', 'new', uuid, '-i', join(d, 'osd-new.json')])).trim();
    rmSync(join(d, 'osd-new.json'));
    if (!/^\d+$/.test(id)) throw new ComponentError(this.role, `ceph osd new answered ${JSON.stringify(id)}`);
    this.makeDirs(join(d, 'osd', `ceph-${id}`));
    await this.tools([
      ['ceph-osd', ['-i', id, '--mkfs', '--key', secret, '--osd-uuid', uuid]],
      ['ceph-authtool', ['--create-keyring', join(d, 'osd', `ceph-${id}`, 'keyring'), '-n', `osd.${id}`, '--add-key', secret]],
      ...this.rgws.map(
        (r): Step => ['ceph', ['auth', 'get-or-create', `client.rgw.${r.id}`, ...RGW_CAPS, '-o', join(d, 'rgw', `ceph-rgw.${r.id}`, 'keyring')]],
      ),
    ]);
    // from /: Debian's Ceph 18 and 20 have a relative default osd class dir (lib/<arch>/rados-classes), and an OSD
    // that cannot load cls_rgw answers RGW's first zone write with EOPNOTSUPP
    this.spawn('osd', this.ctx.programs.path('ceph-osd'), ['-f', '-i', id], this.env, '/');

    // radosgw
    if (this.opts.multisite) await this.zones();
    for (const r of this.rgws) await this.startRgw(r);
    if (!mon.running) throw new ComponentError(this.role, `ceph-mon exited: ${mon.tail()}`);

    // the per-run S3 user and bucket
    await this.tool('radosgw-admin', [
      'user',
      'create',
      '--uid=registry',
      '--display-name=registry',
      `--access-key=${this.credentials.accessKey}`,
      `--secret=${this.credentials.secretKey}`,
    ]);
    await this.s3(() => createBucket(bucketOf(this)));
    this.note({ kind: 'bucket', endpoint: this.endpoint, bucket: this.bucket, ...this.credentials });
    await this.warmUp();
    if (this.opts.multisite) {
      await this.firstSync();
      this.poll();
    }
  }

  /** Realm, zonegroup and both zones, committed before any radosgw runs. */
  private async zones(): Promise<void> {
    const via = this.opts.multisite?.syncVia;
    const za = via ? `http://127.0.0.1:${this.ctx.capable(via.proxy, FAULT_PROXY).linkPort(via.link)}` : this.zoneEndpoint('za');
    const system = { accessKey: randomKey(20), secretKey: randomBytes(30).toString('base64url') };
    for (const args of zoneSetup({ za, zb: this.zoneEndpoint('zb') }, system)) await this.tool('radosgw-admin', args);
  }

  private async startRgw(r: { id: string; port: number }): Promise<void> {
    const d = this.dir;
    const name = r.id === 'zb' ? 'rgw-zb' : 'rgw';
    // radosgw logs its "beast:" access lines (level 1) only to its log file, not to stderr
    this.follow(name, join(d, 'log', `client.rgw.${r.id}.log`));
    const rgw = this.spawn(name, this.ctx.programs.path('radosgw'), ['-f', '-n', `client.rgw.${r.id}`], this.env);
    await this.ready(rgw, `radosgw on 127.0.0.1:${r.port}`, () => httpOk(`http://127.0.0.1:${r.port}/`), 60_000);
  }

  /** The first object usually takes about 20 s to reach the other zone, later ones under a second: wait for
   * one now, not in the middle of the workload. Sometimes zb's sync does not start at all; then zb's radosgw is
   * restarted once, as the seed's operators restarted RGW to get a lagging sync going. */
  private async firstSync(): Promise<void> {
    const key = 'lab-first-sync';
    await this.s3(() => putObject(bucketOf(this), key, new TextEncoder().encode('first sync')));
    const zb = { endpoint: this.zoneEndpoint('zb'), credentials: this.credentials, name: this.bucket };
    const synced = async (ms: number) => {
      for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(250, undefined, { signal: this.ctx.signal }))
        if (await hasObject(zb, key)) return true;
      return false;
    };
    if (!(await synced(40_000))) {
      await this.restartZb('zone zb has not received the first object in 40 s');
      if (!(await synced(60_000)))
        throw new ComponentError(this.role, 'zone zb did not receive the first object, even after a restart of its radosgw: RGW sync is not running');
    }
    // the probe goes: zb can hold it without listing it (RGW 16, an object written as its bucket sync starts),
    // which would keep a later sync-wait waiting; and the bucket is then the registry's alone, as in production
    await this.s3(() => deleteObject(bucketOf(this), key));
  }

  /** Restarts zb's radosgw, as the seed's operators restarted RGW to get a lagging sync going; recorded as a
   * warning of the component. */
  private async restartZb(why: string): Promise<void> {
    this.ctx.log.warn({ component: this.role, why }, 'retry: restarting the radosgw of zone zb');
    this.ctx.events.append({ type: 'component.log', component: this.role, product: this.product, level: 'warn', line: `${why}: restarting its radosgw` });
    const zb = this.processes.find((p) => p.opts.name === 'rgw-zb');
    if (zb) {
      await zb.stop();
      this.processes.splice(this.processes.indexOf(zb), 1);
    }
    await this.startRgw({ id: 'zb', port: this.zbPort });
  }

  /** zb's sync status from radosgw-admin (it asks za, through the sync link). */
  async syncStatus(): Promise<SyncStatus> {
    try {
      return syncStatus(await this.run(this.ctx.programs.path('radosgw-admin'), ['sync', 'status', '--rgw-zone=zb'], this.env, 5_000, true));
    } catch (e) {
      return { caughtUp: false, error: (e as Error).message.split('\n')[0] };
    }
  }

  /** Keys of the registry's bucket that za lists and zb does not (yet). */
  async missingOnZb(): Promise<string[]> {
    const keys = (zone: Zone) => listKeys({ endpoint: this.zoneEndpoint(zone), credentials: this.credentials, name: this.bucket });
    const [za, zb] = await Promise.all([keys('za'), keys('zb')]);
    const have = new Set(zb);
    return za.filter((k) => !have.has(k));
  }

  /** Records zb's status every second, when it changes. */
  private poll(): void {
    this.polling = new AbortController();
    const { signal } = this.polling;
    let last = '';
    void (async () => {
      while (!signal.aborted) {
        const s = await this.syncStatus();
        const key = JSON.stringify(s);
        if (key !== last && !signal.aborted) this.ctx.events.append({ type: 'replication', component: this.role, zone: 'zb', ...s });
        last = key;
        await sleep(1000, undefined, { signal }).catch(() => undefined);
      }
    })();
  }

  override async stop(graceMs = 5000): Promise<void> {
    this.polling?.abort();
    await super.stop(graceMs);
  }

  /** An S3 call of its own; a failure names the component. */
  private async s3<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      throw new ComponentError(this.role, (e as Error).message);
    }
  }

  /** RGW creates its data and multipart pools on first use, each waiting for a commit: do it now, not in the
   * middle of the first push, where it would look like a slow object store. */
  private async warmUp(): Promise<void> {
    const b = bucketOf(this);
    await this.s3(() => putObject(b, 'lab-warm-up', new TextEncoder().encode('warm-up')));
    await this.s3(() => deleteObject(b, 'lab-warm-up'));
    await this.s3(() => startAndAbortMultipart(b, 'lab-warm-up'));
  }

  /** Every object of the registry's bucket deleted, and its unfinished uploads aborted. */
  flush(): Promise<string> {
    return this.s3(() => emptyBucket(bucketOf(this)));
  }

  /** The registry user's hard quota in bytes (radosgw-admin; production had "3T of quota allocated to the
   * docker-registry user"); null lifts it. Returns the user's quota and the bucket's usage as radosgw-admin
   * reports them, as JSON. */
  async setQuota(maxBytes: number | null): Promise<string> {
    const scope = ['--quota-scope=user', '--uid=registry'];
    if (maxBytes === null) await this.tool('radosgw-admin', ['quota', 'disable', ...scope]);
    else {
      await this.tool('radosgw-admin', ['quota', 'set', ...scope, `--max-size=${maxBytes}`]);
      await this.tool('radosgw-admin', ['quota', 'enable', ...scope]);
    }
    const user = JSON.parse(await this.tool('radosgw-admin', ['user', 'info', '--uid=registry'])) as { user_quota?: unknown };
    const stats = JSON.parse(await this.tool('radosgw-admin', ['bucket', 'stats', `--bucket=${this.bucket}`])) as { usage?: unknown };
    return JSON.stringify({ user_quota: user.user_quota, usage: stats.usage });
  }

  async version(programs: Programs): Promise<string> {
    return /ceph version (\S+)/.exec(await programs.firstLine('ceph-mon', ['--version']))?.[1] ?? 'unknown';
  }
}
