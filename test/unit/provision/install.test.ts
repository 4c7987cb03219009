// Without root, a missing Debian package is a one-line instruction, not an attempt.
import { afterEach, expect, it, vi } from 'vitest';
import { ProvisionError } from '../../../lab/core/errors.ts';
import { consoleLog } from '../../../lab/core/lab-log.ts';
import { aptInstall } from '../../../lab/provision/install.ts';

afterEach(() => vi.restoreAllMocks());

it('tells a non-root user which apt-get command to run, and runs nothing', async () => {
  vi.spyOn(process as { getuid(): number }, 'getuid').mockReturnValue(1000);
  const progress = vi.fn();
  const err = await aptInstall(['nginx', 'redis-server'], progress, consoleLog()).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ProvisionError);
  expect((err as Error).message).toBe(
    'missing nginx, redis-server: install with `sudo apt-get install -y nginx redis-server` (the lab installs them only as root)',
  );
  expect(progress).not.toHaveBeenCalled();
});
