// The options that choose the stack a scenario runs on (lab scenario, up, matrix): object store, registry
// version, Ceph release, runtime. Their values come from lab/scenario/choice.ts.
import { RUNTIMES } from '../core/run-files.ts';
import { BACKEND_CHOICES, CEPH_CHOICES, REGISTRY_CHOICES } from '../scenario/choice.ts';

export const CHOICE_OPTIONS = {
  backend: { type: 'string' },
  registry: { type: 'string' },
  ceph: { type: 'string' },
  runtime: { type: 'string' },
} as const;

export const CHOICE_USAGE = `[--backend ${BACKEND_CHOICES.join('|')}] [--registry ${REGISTRY_CHOICES.join('|')}] [--ceph ${CEPH_CHOICES.join('|')}] [--runtime ${RUNTIMES.join('|')}]`;

export const CHOICE_HELP = `  --backend B    the object store the registry's S3 storage runs on
  --registry R   the Distribution version
  --ceph V       the Ceph release of a Ceph object store (18 and 20 run in containers only)
  --runtime R    native: child processes of Debian's programs (the default); container: the same programs in
                 images built here from Debian suites, one network per run, ports on 127.0.0.1`;
