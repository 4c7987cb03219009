// `lab replay` on a recorded stream-idle-504 run: in a real terminal (tmux, 80x24), and as plain text.
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lab, runsDir } from './lab-cli.ts';
import { Tmux } from './tmux.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const RUN = resolve(ROOT, 'test', 'fixtures', 'runs', 'stream-idle-504');
const sessions: Tmux[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.kill()));

function replay(width = 80, height = 24): Tmux {
  const t = new Tmux(`cd ${ROOT} && node bin/lab.js replay ${RUN}; echo "EXIT=$?"; sleep 30`, width, height);
  sessions.push(t);
  return t;
}

describe('lab replay in a terminal', () => {
  it('opens on the run and shows the failing push at its finding, then quits on q', async () => {
    const t = replay();
    const first = await t.waitFor(/verdict: reproduced/);
    expect(first).toMatch(/^stream-idle-504 {2}seed 5 {2}ceph, envoy/m);
    expect(first).toMatch(/^faults +rgw-stall~+/m);
    expect(first).toMatch(/^findings +\*/m);
    expect(first).toMatch(/^spc play ←→ step \[\] speed gG ends \/ filter n next ⏎ detail q quit/m);

    t.keys('n');
    const symptom = await t.waitFor(/t 3\.44s/);
    expect(symptom).toMatch(/^\* s3-front-idle-timeout-504: envoy \(s3-front\) answered 504 flag SI 4x for PUT/m);
    expect(symptom).toMatch(/^#532 3\.44s s3-front PUT 504 SI \d+ms via link /m);

    for (let i = 0; i < 3; i++) t.keys('n');
    const push = await t.waitFor(/t 10\.52s/);
    expect(push).toMatch(/^\* push-5xx-during-fault: op 3 push lab\/image-3:v1 ended info with HTTP 500/m);
    expect(push).toMatch(/^#538 10\.52s op 3 push info HTTP 500 POST \/v2\/lab\/image-3\/blobs\/uploads\//m);
    expect(push).toMatch(/^ +\^ 10\.52s/m);

    t.keys('q');
    await t.waitFor(/EXIT=0/);
  });

  it('stays legible at 60x16', async () => {
    const t = replay(60, 16);
    const s = await t.waitFor(/verdict: reproduced/);
    for (const line of s.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
    expect(s).toMatch(/^push +\S/m);
    expect(s).toMatch(/^findings/m);
    t.keys('q');
    await t.waitFor(/EXIT=0/);
  });
});

describe('lab replay as plain text', () => {
  it('prints the lanes, every timeline event and the findings at their time, when asked or when stdout is not a terminal', () => {
    const asked = lab(['replay', RUN, '--plain'], runsDir());
    const piped = lab(['replay', RUN], runsDir());
    expect(asked.status).toBe(0);
    expect(piped.stdout).toBe(asked.stdout);
    const out = asked.stdout;
    expect(out).toMatch(/^run \S+-stream-idle-504 {2}verdict: reproduced {2}985 events, 11\.35 s$/m);
    expect(out).toMatch(/^push +o+i+o+ *$/m);
    expect(out).toMatch(/^legend: o ok {2}i info {2}f fail/m);
    expect(out).toMatch(/^ +2\.\d\ds {2}fault rgw-stall applied: toxic on fault-proxy\/rgw-link/m);
    expect(out).toMatch(/^ +3\.44s {2}\* s3-front-idle-timeout-504: /m);
    expect(out).toMatch(/^ +10\.52s {2}\* push-5xx-during-fault: op 3 push lab\/image-3:v1 ended info with HTTP 500/m);
    expect(out).toMatch(/^ +10\.52s {2}op 3 push info HTTP 500/m);
    expect(out).not.toContain('\u001b[');
  });
});
