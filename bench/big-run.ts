// Writes a large synthetic run directory (events.ndjson, run.json, verdict.json) shaped like a long
// stream-idle-504 soak: six component lanes, pushes and pulls with their HTTP exchanges and access lines,
// a stalling fault every five minutes, failed pushes and a few lost images as findings.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const COMPONENTS: [string, string][] = [
  ['cache', 'redis'],
  ['fault-proxy', 'toxiproxy'],
  ['s3-front', 'envoy'],
  ['registry', 'distribution'],
  ['registry-front', 'nginx'],
  ['object-store', 'ceph'],
];

export async function writeBigRun(dir: string, total = 1_000_000): Promise<void> {
  await mkdir(dir, { recursive: true });
  const out = createWriteStream(join(dir, 'events.ndjson'));
  const start = Date.UTC(2026, 10, 22, 8, 0, 0);
  let seq = 0;
  let t = 0;
  let chunk = '';
  const lost: number[] = [];
  const failed: number[] = [];
  const stalls: number[] = [];
  const emit = async (e: Record<string, unknown>) => {
    chunk += JSON.stringify({ seq: seq++, t: Math.round(t * 10) / 10, at: new Date(start + t).toISOString(), ...e }) + '\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  };
  await emit({ type: 'run.started', runId: 'big', scenario: 'stream-idle-504', seed: 1, mode: 'scenario' });
  for (const [i, [c, p]] of COMPONENTS.entries()) await emit({ type: 'component.starting', component: c, product: p, pid: 1000 + i, argv: [p] });
  t += 1600;
  for (const [c, p] of COMPONENTS) await emit({ type: 'component.ready', component: c, product: p, endpoint: 'http://127.0.0.1:1', ms: 100 });
  await emit({ type: 'phase', name: 'workload' });
  let op = 0;
  let faultOn = false;
  while (seq < total - 40) {
    const cycle = Math.floor(t / 300_000);
    const inFault = t % 300_000 > 270_000;
    if (inFault !== faultOn) {
      faultOn = inFault;
      await emit({ type: faultOn ? 'fault.applied' : 'fault.healed', fault: 'rgw-stall', kind: 'toxic', target: 'fault-proxy/rgw-link', detail: { cycle } });
    }
    const kind = op % 3 === 2 ? 'pull' : 'push';
    const repo = `lab/image-${op}`;
    const id = op++;
    await emit({ type: 'op.invoke', op: id, kind, args: { repo, tag: 'v1' } });
    for (let h = 0; h < 6; h++) {
      t += 3 + (h % 3);
      const path = `/v2/${repo}/blobs/uploads/${h}`;
      await emit({
        type: 'access',
        component: 'registry-front',
        product: 'nginx',
        method: 'PUT',
        path,
        status: 202,
        upstream: 'registry (202)',
        durationMs: 3,
      });
      await emit({ type: 'access', component: 'registry', product: 'distribution', method: 'PUT', path, status: 202, durationMs: 2.5 });
      await emit({
        type: 'access',
        component: 's3-front',
        product: 'envoy',
        method: 'PUT',
        path: `/registry/docker/registry/v2/repositories/${repo}/_uploads/${h}/data`,
        status: 200,
        flags: '-',
        upstream: 'link',
        durationMs: 1,
      });
      await emit({
        type: 'access',
        component: 'object-store',
        product: 'ceph',
        method: 'PUT',
        path: `/registry/docker/registry/v2/repositories/${repo}/_uploads/${h}/data`,
        status: 200,
        durationMs: 1,
      });
      await emit({ type: 'http', op: id, method: 'PUT', path, status: 202, ms: 4, sent: 1024, received: 0 });
    }
    if (inFault && kind === 'push') {
      for (let a = 0; a < 4; a++) {
        t += 500;
        stalls.push(seq);
        await emit({
          type: 'access',
          component: 's3-front',
          product: 'envoy',
          method: 'PUT',
          path: `/registry/docker/registry/v2/repositories/${repo}/_uploads/x/startedat`,
          status: 504,
          flags: 'SI',
          upstream: 'link',
          durationMs: 500,
        });
      }
      await emit({
        type: 'component.log',
        component: 'registry',
        product: 'distribution',
        level: 'error',
        line: 'response completed with error unknown s3aws: GatewayTimeout: Gateway Timeout status code: 504',
      });
      failed.push(id);
      await emit({ type: 'op.complete', op: id, kind, outcome: 'info', status: 500, error: `POST /v2/${repo}/blobs/uploads/: HTTP 500 UNKNOWN` });
    } else if (kind === 'pull' && op % 997 === 0) {
      lost.push(id);
      await emit({ type: 'op.complete', op: id, kind, outcome: 'fail', status: 404, error: `GET /v2/${repo}/manifests/v1: HTTP 404 MANIFEST_UNKNOWN` });
    } else await emit({ type: 'op.complete', op: id, kind, outcome: 'ok', value: { digest: `sha256:${id.toString(16).padStart(64, '0')}` } });
  }
  await emit({ type: 'phase', name: 'teardown' });
  for (const [i, [c, p]] of COMPONENTS.entries())
    await emit({ type: 'component.exited', component: c, product: p, pid: 1000 + i, code: 0, signal: null, expected: true });
  await emit({ type: 'run.finished', outcome: 'completed' });
  await emit({ type: 'verdict', verdict: 'violated', exitCode: 1 });
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));

  const links = { 'rgw-link': { from: 's3-front', to: 'object-store' } };
  const definition = {
    name: 'stream-idle-504',
    topology: { registry: { product: 'distribution', storage: 's3' }, 's3-front': { product: 'envoy' }, 'object-store': { product: 'ceph' }, links },
    expect: { reproduced: ['s3-front-idle-timeout-504'], violated: [], holds: [] },
  };
  await writeFile(
    join(dir, 'run.json'),
    JSON.stringify({ id: 'big', scenario: 'stream-idle-504', seed: 1, versions: { ceph: '16.2.15', distribution: '2.8.2', envoy: '1.40.0' }, definition }),
  );
  await writeFile(
    join(dir, 'verdict.json'),
    JSON.stringify({
      verdict: 'violated',
      exitCode: 1,
      expected: 'reproduced',
      crashes: [],
      checks: { durability: { valid: false, evidence: lost.map((o) => `op ${o} pulled a lost image`), ops: lost } },
      symptoms: {
        'push-5xx-during-fault': { seen: true, evidence: [`${failed.length} pushes ended 500 during the fault`], ops: failed },
        's3-front-idle-timeout-504': { seen: true, evidence: [`${stalls.length} PUTs timed out at envoy`], seqs: stalls },
      },
    }),
  );
}
