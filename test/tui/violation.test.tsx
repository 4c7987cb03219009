// A run whose durability checker failed: the finding is marked with ! and n lands on it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { judge } from '../../lab/checks/verdict.ts';
import { MemorySource } from '../../lab/core/events/source.ts';
import { App } from '../../tui/App.tsx';
import { storedMeta } from '../../tui/meta.ts';
import { ReplayStore } from '../../tui/store.ts';
import { build, complete, invoke } from '../unit/core/events/build.ts';

const img = { repo: 'lab/a', tag: 'v1' };
const events = build(
  [0, { type: 'run.started', runId: 'lost', scenario: 'lost-image', seed: 3, mode: 'scenario' }],
  [10, invoke(0, 'push', { ...img, digest: 'sha256:aa' })],
  [300, complete(0, 'push', 'ok', { value: { digest: 'sha256:aa' } })],
  [400, invoke(1, 'pull', img)],
  [450, complete(1, 'pull', 'fail', { status: 404, error: 'GET /v2/lab/a/manifests/v1: HTTP 404 MANIFEST_UNKNOWN' })],
  [500, { type: 'run.finished', outcome: 'completed' }],
);

it('marks a checker violation with ! on the findings lane and jumps to it with n', async () => {
  const verdict = judge({ expect: { reproduced: [], violated: [], holds: ['durability'] }, bounds: {} }, events);
  expect(verdict.checks.durability).toMatchObject({ valid: false, ops: [1] });
  const dir = mkdtempSync(join(tmpdir(), 'lab-lost-'));
  writeFileSync(join(dir, 'verdict.json'), JSON.stringify(verdict));
  const meta = { ...storedMeta(dir, events[0]), verdict };
  expect(meta).toMatchObject({ scenario: 'lost-image', seed: 3 });

  const ui = render(<App store={new ReplayStore(new MemorySource(events), meta)} width={100} height={20} />);
  await new Promise((r) => setTimeout(r, 30));
  expect(ui.lastFrame()).toMatch(/^findings +\s+!\s*$/m);
  ui.stdin.write('n');
  await new Promise((r) => setTimeout(r, 30));
  const frame = ui.lastFrame()!;
  expect(frame).toContain('verdict: violated  t 0.45s');
  expect(frame).toMatch(/^! durability: op 0 pushed lab\/a:v1 \(sha256:aa\) and got ok; op 1 pulled it: fail/m);
  expect(frame).toMatch(/^#4 0\.45s op 1 pull fail HTTP 404 GET \/v2\/lab\/a\/manifests\/v1/m);
  ui.unmount();
});
