// Runs `npm ci` (exactly what package-lock.json says) when node_modules is missing or older than package-lock.json, so that
// `npm run lab …` and `npm test` work on a fresh clone. Plain JavaScript: nothing installed yet.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  process.stderr.write('lab: installing node packages (npm ci) …\n');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write(`lab: npm ci failed (exit ${r.status ?? r.signal}); run it by hand in ${root} to see why\n`);
    process.exit(2);
  }
}
