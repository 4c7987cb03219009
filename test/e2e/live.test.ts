// `lab scenario stream-idle-504 --tui`: the replay view follows the real run, then stays on the verdict.
import { resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { runsDir } from './lab-cli.ts';
import { Tmux } from './tmux.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
let t: Tmux | undefined;
afterEach(() => t?.kill());

it('follows the run as it happens, stays on the verdict, and exits 0 on q', async () => {
  t = new Tmux(`cd ${ROOT} && LAB_RUNS=${runsDir()} node bin/lab.js scenario stream-idle-504 --tui --seed 5; echo "EXIT=$?"; sleep 60`);
  const during = await t.waitFor(/^faults +.*r/m, 60_000);
  expect(during).toMatch(/^verdict: running {2}t [\d.]+s \/ [\d.]+s/m);
  expect(during).toMatch(/^push +o+/m);

  const done = await t.waitFor(/^verdict: reproduced/m, 90_000);
  expect(done).toMatch(/^findings +.*\*/m);
  expect(done).toMatch(/^pull +.*o/m);
  expect(done).toMatch(/verdict: reproduced \(exit 0\)/);
  const [, at, end] = done.match(/t ([\d.]+)s \/ ([\d.]+)s/)!;
  expect(at).toBe(end);

  t.keys('q');
  const after = await t.waitFor(/EXIT=\d/, 20_000);
  expect(after).toContain('✓ symptom object-store-silent');
  expect(after).toContain('✓ liveness');
  expect(after).toContain('EXIT=0');
});
