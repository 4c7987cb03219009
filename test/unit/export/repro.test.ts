// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the texts hold compose and shell interpolations
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../lab/core/events/schema.ts';
import type { RunJson, Verdict } from '../../../lab/core/run-files.ts';
import { composeProject } from '../../../lab/export/compose.ts';
import { reproScript, unscripted } from '../../../lab/export/repro.ts';
import type { RecipeStep } from '../../../lab/runtime/recipe.ts';

const run = {
  id: 'r1',
  mode: 'scenario',
  runtime: 'native',
  scenario: 'stream-idle-504',
  variant: null,
  file: 'scenarios/stream-idle-504.ts',
  seed: 7,
  versions: { distribution: '2.8.2', toxiproxy: '2.12.0' },
  endpoints: { 'fault-proxy': 'http://127.0.0.1:4000', registry: 'http://127.0.0.1:5000', 'registry-front': 'http://127.0.0.1:5001', cache: '127.0.0.1:6379' },
  products: { 'fault-proxy': 'toxiproxy', registry: 'distribution', 'registry-front': 'nginx' },
  links: { 'rgw-link': { from: 's3-front', to: 'object-store' } },
  definition: {
    symptom: 'pushes fail with 500',
    faults: { 'rgw-stall': { kind: 'toxic', link: 'rgw-link', toxic: 'timeout', stream: 'upstream', attributes: { timeout: 0 } } },
    expect: { reproduced: ['push-5xx', 's3-front-504', 'silent'], violated: ['integrity'], holds: [] },
    evidence: { silent: { events: { component: 'object-store' }, count: { max: 0 } } },
    bounds: { push: 30_000 },
  },
} as unknown as RunJson;

const at = (seq: number, e: Record<string, unknown>) => ({ seq, t: seq, at: '', ...e }) as LabEvent;
const events: LabEvent[] = [
  at(1, { type: 'op.invoke', op: 0, kind: 'push', args: { repo: 'lab/image-0', tag: 'v1', digest: 'sha256:aa', chunked: false } }),
  at(2, { type: 'op.complete', op: 0, kind: 'push', outcome: 'ok', value: { digest: 'sha256:aa' } }),
  at(3, { type: 'fault.applied', fault: 'rgw-stall', kind: 'toxic', targets: [], detail: {} }),
  at(4, { type: 'op.invoke', op: 1, kind: 'push', args: { repo: 'lab/image-1', tag: 'v1', digest: 'sha256:bb', chunked: true } }),
  at(5, { type: 'access', component: 's3-front', product: 'envoy', method: 'PUT', path: '/registry/x', status: 504, flags: 'SI', upstream: 'link' }),
  at(6, { type: 'op.complete', op: 1, kind: 'push', outcome: 'info', status: 500, error: 'HTTP 500' }),
  at(7, { type: 'fault.healed', fault: 'rgw-stall', kind: 'toxic', targets: [], detail: {} }),
  at(8, { type: 'op.invoke', op: 2, kind: 'pull', args: { repo: 'lab/image-0', tag: 'v1' } }),
  at(9, {
    type: 'op.complete',
    op: 2,
    kind: 'pull',
    outcome: 'fail',
    value: { digest: 'sha256:aa', blobs: [{ digest: 'sha256:cc', actual: 'cut short after 0 bytes', size: 0 }] },
  }),
];
const result = (r: Partial<Verdict['checks'][string]>) => ({ kind: 'symptom', valid: true, evidence: ['seen'], ...r }) as Verdict['checks'][string];
const verdict = {
  verdict: 'reproduced',
  exitCode: 0,
  expected: 'reproduced',
  crashes: [],
  checks: {
    'push-5xx': result({ ops: [0, 1] }),
    's3-front-504': result({ seqs: [5] }),
    silent: result({ evidence: ['0 object-store requests'] }),
    integrity: result({ kind: 'invariant', valid: false, ops: [2] }),
    durability: result({ kind: 'invariant', ops: [0] }),
  },
} as unknown as Verdict;
const setup: RecipeStep[] = [
  { role: 'fault-proxy', product: 'toxiproxy', kind: 'spawn', name: 'toxiproxy', command: 'toxiproxy', args: [], env: {}, cwd: '/repro' },
  { role: 'fault-proxy', product: 'toxiproxy', kind: 'proxy', name: 'rgw-link', listen: '127.0.0.1:4001', upstream: '127.0.0.1:4002' },
  { role: 'fault-proxy', product: 'toxiproxy', kind: 'ready', endpoint: 'http://127.0.0.1:4000' },
  {
    role: 'registry',
    product: 'distribution',
    kind: 'spawn',
    name: 'distribution',
    command: 'docker-registry',
    args: ['serve', '/repro/registry/config.yml'],
    env: {},
    cwd: '/repro',
  },
  { role: 'registry', product: 'distribution', kind: 'ready', endpoint: 'http://127.0.0.1:5000' },
];
const compose = composeProject({
  setup,
  local: {},
  upstream: {
    'fault-proxy': { image: 'ghcr.io/shopify/toxiproxy:2.12.0' },
    registry: { image: 'registry:2.8.2', programs: { 'docker-registry': 'registry' } },
  },
  images: {},
});
const script = reproScript({ run, verdict, events, setup, compose });
const lines = script.split('\n');

describe("a bundle's repro.sh", () => {
  it('brings the services up in the order they were ready, with the proxies the lab made through the API', () => {
    const up = lines.filter((l) => /^(up|proxy|bucket) /.test(l));
    expect(up).toEqual([
      'up fault-proxy http://127.0.0.1:4000',
      'proxy http://127.0.0.1:4000 rgw-link 127.0.0.1:4001 127.0.0.1:4002',
      'up registry http://127.0.0.1:5000',
    ]);
  });

  it("replays the ops and faults in the event log's order, each by its kind's script, with twice its bound as timeout", () => {
    const replay = lines.filter((l) => /^(OP_TIMEOUT=\d+ |toxic_)/.test(l));
    expect(replay).toEqual([
      'OP_TIMEOUT=60 op_push 0 lab/image-0 v1 sha256:aa false false 1',
      `toxic_add rgw-link '{"name":"lab-rgw-stall","type":"timeout","stream":"upstream","toxicity":1,"attributes":{"timeout":0}}'`,
      'OP_TIMEOUT=60 op_push 1 lab/image-1 v1 sha256:bb true false 1',
      'toxic_remove rgw-link lab-rgw-stall',
      'OP_TIMEOUT=120 op_pull 2 lab/image-0 v1',
    ]);
    expect(script).toContain('REGISTRY=http://127.0.0.1:5001');
    expect(script).toContain('GC_PROGRAM=${REGISTRY_PROGRAM:-registry}');
  });

  it("checks the symptom's checks by the ops that tell it (not an ok push it also cites) and the log lines it rests on; an absence is told, not checked", () => {
    const symptom = script.slice(script.indexOf('== the symptom')).split('\n').slice(1, 13);
    expect(symptom).toEqual([
      'check push-5xx',
      'want 1 push failed -',
      'checked',
      'check s3-front-504',
      'logged s3-front PUT 504 SI link',
      'checked',
      `say '  - silent: not checked here (an absence); the lab'\\''s run: 0 object-store requests'`,
      'check integrity',
      'want 2 pull failed corrupt',
      'checked',
      'if [ "$MISSED" = 0 ]; then',
      `  say "reproduced: stream-idle-504 ends as the lab's run did (logs and results in out/)"`,
    ]);
    expect(script).not.toContain('want 0 ');
  });

  it('holds a mitigation that shows no symptom to every op ending as in the lab’s run', () => {
    const holds = { ...run, definition: { ...run.definition, expect: { reproduced: [], violated: [], holds: ['durability'] } } } as unknown as RunJson;
    const text = reproScript({ run: holds, verdict, events, setup, compose });
    const symptom = text.slice(text.indexOf('== the symptom')).split('\n').slice(1, 6);
    expect(symptom).toEqual([
      `check 'every op ends as in the lab'\\''s run' all`,
      'want 0 push ok -',
      'want 1 push failed -',
      'want 2 pull failed corrupt',
      'checked',
    ]);
  });

  it('is a bash script that parses, with its library', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-repro-'));
    writeFileSync(join(dir, 'repro.sh'), script);
    expect(spawnSync('bash', ['-n', join(dir, 'repro.sh')]).status).toBe(0);
    expect(spawnSync('bash', ['-n', join(import.meta.dirname, '../../../lab/export/repro-lib.sh')]).status).toBe(0);
  });

  it('names what it cannot replay', () => {
    const more = [
      ...events,
      at(10, { type: 'op.invoke', op: 3, kind: 'catalog', args: {} }),
      at(11, { type: 'fault.action', fault: 'f', kind: 'failover', targets: [], detail: {} }),
    ];
    expect(unscripted(run, more)).toEqual(['op catalog', 'fault failover']);
    expect(unscripted(run, events)).toEqual([]);
  });
});
