// repro.sh of a bundle: the compose project brought up service by service in the order the lab's components
// were ready (with the proxies and the bucket the lab made through their APIs), the run's ops and faults in the
// order the event log has them (each op by its kind's script, each fault by its kind's), then the symptom: every
// op the lab's verdict rests on must end as it did in the lab's run, and every component whose access log the
// verdict cites must log the same method, status and flag. Pure: text from the run's records.
import { FAULTS } from '../../faults/index.ts';
import type { LabEvent } from '../core/events/schema.ts';
import { shellWord } from '../core/shell.ts';
import type { RunJson, Verdict } from '../core/run-files.ts';
import { OP_KINDS } from '../ops/index.ts';
import { registryRole } from '../products/roles.ts';
import type { RecipeStep } from '../runtime/recipe.ts';
import type { ComposeProject } from './compose.ts';

const call = (words: readonly string[]) => words.map(shellWord).join(' ');

export interface ReproInput {
  run: RunJson;
  verdict: Verdict;
  events: readonly LabEvent[];
  setup: readonly RecipeStep[];
  compose: ComposeProject;
}

/** What cannot be replayed without the lab: the op kinds and fault kinds of the run that have no script. */
export function unscripted(run: RunJson, events: readonly LabEvent[]): string[] {
  const missing = new Set<string>();
  for (const e of events) {
    if (e.type === 'op.invoke' && !OP_KINDS.find(e.kind)?.script) missing.add(`op ${e.kind}`);
    if ((e.type === 'fault.applied' || e.type === 'fault.action') && !FAULTS.find(e.kind)?.script) missing.add(`fault ${e.kind}`);
  }
  if (!run.definition) missing.add('the scenario');
  return [...missing];
}

/** The words of each op's and fault's call, in the event log's order. */
function replay(run: RunJson, events: readonly LabEvent[]): string[] {
  const bounds = (run.definition as { bounds?: Record<string, number> }).bounds ?? {};
  const specs = (run.definition as { faults?: Record<string, { kind: string }> }).faults ?? {};
  const script = (e: Extract<LabEvent, { type: 'fault.applied' | 'fault.healed' | 'fault.action' }>) => {
    const kind = FAULTS.get(e.kind);
    const { kind: _, ...spec } = specs[e.fault] ?? { kind: e.kind };
    const s = kind.script!(kind.plan(e.fault, kind.spec.parse(spec)));
    return e.type === 'fault.healed' ? s.heal : s.apply;
  };
  return events.flatMap((e) => {
    if (e.type === 'op.invoke') {
      const kind = OP_KINDS.get(e.kind);
      const timeout = Math.ceil((2 * (bounds[e.kind] ?? 60_000)) / 1000);
      return [`OP_TIMEOUT=${timeout} ${call([`op_${e.kind.replaceAll('-', '_')}`, String(e.op), ...kind.script!(kind.args.parse(e.args))])}`];
    }
    if (e.type === 'fault.applied' || e.type === 'fault.healed' || e.type === 'fault.action') {
      const words = script(e);
      return words ? [`say "  fault ${e.fault}: ${e.type === 'fault.healed' ? 'healed' : 'applied'}"`, call(words)] : [];
    }
    return [];
  });
}

/** The checks the verdict expected and saw: what the symptom is. */
function symptomChecks(verdict: Verdict, run: RunJson): [string, Verdict['checks'][string]][] {
  const { reproduced = [], violated = [] } = run.definition.expect;
  return Object.entries(verdict.checks).filter(([name, c]) => ([...reproduced, ...violated] as string[]).includes(name) && c.valid !== 'unknown');
}

/** How an op ended, as repro.sh's `want` compares it: ok or failed (fail and info alike), and a word of its value
 * where the value is the finding (a HEAD's answer, a pull's bytes). */
function ending(c: Extract<LabEvent, { type: 'op.complete' }>): string[] {
  const value = c.value as { exists?: boolean; blobs?: { digest: string; actual: string }[] } | undefined;
  const word =
    c.kind === 'head' && value?.exists !== undefined
      ? value.exists
        ? 'exists'
        : 'absent'
      : c.kind === 'pull' && value?.blobs
        ? value.blobs.every((b) => b.digest === b.actual)
          ? 'intact'
          : 'corrupt'
        : '-';
  return [String(c.op), c.kind, c.outcome === 'ok' ? 'ok' : 'failed', word];
}

/** Per check of the symptom: the ops that tell its finding, of which one must end as in the lab's run (a check is
 * seen once), and the access lines it cites, each of whose method, status, flag and upstream some line must show. */
function symptom(verdict: Verdict, run: RunJson, events: readonly LabEvent[]): string[] {
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  const completions = new Map(events.flatMap((e) => (e.type === 'op.complete' ? [[e.op, e] as const] : [])));
  const evidence = (run.definition as { evidence?: Record<string, unknown> }).evidence ?? {};
  const checks = symptomChecks(verdict, run);
  // nothing to be seen (a mitigation that holds): the run is what every op did
  if (checks.length === 0)
    return [call(['check', "every op ends as in the lab's run", 'all']), ...[...completions.values()].map((c) => call(['want', ...ending(c)])), 'checked'];
  return checks.flatMap(([name, c]) => {
    const ops = new Set(c.ops ?? []);
    const logged = new Map<string, string[]>();
    for (const seq of c.seqs ?? []) {
      const e = bySeq.get(seq);
      if (e && 'op' in e && typeof e.op === 'number') ops.add(e.op);
      if (e?.type === 'access') {
        const words = [e.component, e.method, String(e.status), ...[e.flags, e.upstream?.split(' ')[0]].filter((w): w is string => !!w && w !== '-')];
        logged.set(words.join(' '), words);
      }
    }
    // the ops that tell the finding (a failure, a blob said to exist, bytes that do not match), else all it cites
    const endings = [...ops].sort((a, b) => a - b).flatMap((op) => (completions.has(op) ? [ending(completions.get(op)!)] : []));
    const telling = endings.filter(([, , outcome, word]) => outcome === 'failed' || word === 'exists' || word === 'corrupt');
    const wants = (telling.length ? telling : endings).map((e) => call(['want', ...e]));
    // an absence (count at most 0) or a finding that cites no op or access line: told, not checked
    const absence = JSON.stringify(evidence[name] ?? {}).includes('"max":0');
    if (absence || (wants.length === 0 && logged.size === 0))
      return [call(['say', `  - ${name}: not checked here${absence ? ' (an absence)' : ''}; the lab's run: ${c.evidence[0] ?? ''}`.slice(0, 400)])];
    return [call(['check', name]), ...wants, ...[...logged.values()].map((w) => call(['logged', ...w])), 'checked'];
  });
}

export function reproScript({ run, verdict, events, setup, compose }: ReproInput): string {
  const endpoint = (role: string) => run.endpoints[role] ?? '';
  const registry = registryRole(run.products);
  const gcVar = compose.programVars.registry;
  const up = compose.services.flatMap(({ role, endpoint: at }) => [
    call(['up', role, at]),
    ...setup.flatMap((s) =>
      s.role !== role
        ? []
        : s.kind === 'proxy'
          ? [call(['proxy', at, s.name, s.listen, s.upstream])]
          : s.kind === 'bucket'
            ? [call(['bucket', s.endpoint, s.bucket, s.accessKey, s.secretKey])]
            : [],
    ),
  ]);
  const registrySpawn = setup.find((s): s is Extract<RecipeStep, { kind: 'spawn' }> => s.kind === 'spawn' && s.role === 'registry');
  const d = run.definition as { symptom?: string };
  const checks = symptomChecks(verdict, run).map(([name, c]) => `#   ${name}: ${c.evidence[0] ?? ''}`.slice(0, 200));
  return `#!/usr/bin/env bash
# ${run.scenario}${run.variant ? ` (variant ${run.variant})` : ''}: ${d.symptom ?? ''}
# Brings the compose project up, replays the lab's run ${run.id} (its ops and faults, in order), checks that it
# ends the way the lab's run did, prints the evidence, brings everything down. Exit 0: reproduced; 1: not;
# 2: it could not run. ./repro.sh --local uses the lab's own images (local.env).
# The lab's run saw:
${checks.join('\n')}
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
case "\${1:-}" in
--local) set -a && . "$HERE/local.env" && set +a ;;
'') ;;
*) die "usage: ./repro.sh [--local]" ;;
esac
for p in curl docker sha256sum; do command -v $p >/dev/null || die "$p is needed"; done
if docker compose version >/dev/null 2>&1; then COMPOSE='docker compose'
elif command -v docker-compose >/dev/null; then COMPOSE=docker-compose
else die "a compose is needed: docker compose (v2) or docker-compose (1.29)"; fi
PROJECT=repro-$$
WORK=$(mktemp -d)
OUT="$HERE/out"
export REPRO_DIR="$WORK/stack"
cp -a "$HERE/stack" "$REPRO_DIR"
rm -rf "$OUT" && mkdir -p "$OUT/logs"
REGISTRY=${endpoint(registry)}
REGISTRY_DIRECT=${endpoint('registry')}
TOXIPROXY=${endpoint('fault-proxy') || '-'}
CACHE_PORT=${endpoint('cache').split(':').pop() || '-'}
GC_ROLE=registry
GC_PROGRAM=${gcVar ? `\${${gcVar.name}:-${gcVar.upstream}}` : registrySpawn ? registrySpawn.command.split('/').pop() : '-'}
GC_CONFIG=${registrySpawn ? shellWord(registrySpawn.args.at(-1)!) : '-'}
ACCEPT='application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'
OP_TIMEOUT=120
MISSED=0

collect() {
  local role f
  for role in $(compose config --services 2>/dev/null); do
    compose logs --no-color "$role" >"$OUT/logs/$role.log" 2>&1 || true
    [ -d "$REPRO_DIR/$role" ] && find "$REPRO_DIR/$role" -name '*.log' -type f | while read -r f; do cp "$f" "$OUT/logs/$role-$(basename "$f")"; done
  done
  cp "$WORK/results" "$OUT/results" 2>/dev/null || true
}
down() {
  trap - EXIT
  collect
  say "== down"
  compose down -v -t 5 >/dev/null 2>&1 || true
  rm -rf "$WORK" 2>/dev/null || true
}
trap down EXIT
trap 'exit 2' INT TERM

say "== up (${compose.services.length} services, on 127.0.0.1)"
${up.join('\n')}

say "== the run's ops and faults"
touch "$WORK/results"
${replay(run, events).join('\n')}

collect
say "== the symptom"
${symptom(verdict, run, events).join('\n')}
if [ "$MISSED" = 0 ]; then
  say "reproduced: ${run.scenario}${run.variant ? ` (${run.variant})` : ''} ends as the lab's run did (logs and results in out/)"
  exit 0
fi
say "not reproduced: $MISSED of the lab's findings not seen here (logs and results in out/)"
exit 1
`;
}
