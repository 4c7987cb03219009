// Every container and network a run creates carries the lab's labels: the run it belongs to and the lab process
// that owns it (pid and start time, which tell it from a reused pid). Ryuk cannot run without an image registry:
// instead, any command reaps what an owner that is gone left behind, as it reaps processes, and a second Ctrl-C
// removes what the lab process itself still owns.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dockerCli, engineAddress } from '../provision/engine.ts';
import { startTicks } from './process.ts';

export const RUN_LABEL = 'registry-lab.run';
export const OWNER_LABEL = 'registry-lab.owner';

/** This lab process, as the owner label names it. */
export function owner(): string {
  return `${process.pid}:${startTicks(process.pid)}`;
}

function ownerAlive(label: string): boolean {
  const [pid, ticks] = label.split(':');
  return startTicks(Number(pid)) === Number(ticks);
}

/** Whether an engine could be running here at all (its socket exists); nothing to reap when not. */
function engineHere(): boolean {
  try {
    const a = engineAddress();
    return 'host' in a || existsSync(a.socketPath);
  } catch {
    return false;
  }
}

function docker(args: string[]): string {
  return execFileSync(dockerCli(), args, { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
}

const FORMAT = { container: '{{.ID}} {{.Names}}', network: '{{.ID}} {{.Name}}', volume: '{{.Name}} {{.Name}}' } as const;

/** The lab's containers, networks and volumes, each with its owner label. */
function labelled(): { kind: 'container' | 'network' | 'volume'; id: string; name: string; owner: string }[] {
  const list = (kind: 'container' | 'network' | 'volume', args: string[]) =>
    docker([...args, '--filter', `label=${OWNER_LABEL}`, '--format', `${FORMAT[kind]} {{.Label "${OWNER_LABEL}"}}`])
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [id, name, o] = l.split(' ');
        return { kind, id: id!, name: name!, owner: o ?? '' };
      });
  return [...list('container', ['ps', '-a']), ...list('network', ['network', 'ls']), ...list('volume', ['volume', 'ls'])];
}

/** Removes containers, then networks and volumes, that match; returns what it removed ("container NAME"). */
function remove(match: (owner: string) => boolean): string[] {
  if (!engineHere()) return [];
  let found: ReturnType<typeof labelled>;
  try {
    found = labelled().filter((r) => match(r.owner));
  } catch {
    return []; // no engine answering: nothing of the lab can be running in it
  }
  const removed: string[] = [];
  for (const kind of ['container', 'network', 'volume'] as const) {
    const ids = found.filter((r) => r.kind === kind);
    if (ids.length === 0) continue;
    try {
      docker([...(kind === 'container' ? ['rm', '-f', '-v'] : [kind, 'rm']), ...ids.map((r) => r.id)]);
      removed.push(...ids.map((r) => `${kind} ${r.name}`));
    } catch {
      /* gone meanwhile, or still in use by a container that is going: the next command retries */
    }
  }
  return removed;
}

/** Removes what lab processes that are gone left in the engine. */
export function reapContainers(): string[] {
  return remove((o) => !ownerAlive(o));
}

/** Removes what this lab process still has in the engine (the last resort of a second Ctrl-C). */
export function removeOwnContainers(): string[] {
  const me = owner();
  return remove((o) => o === me);
}
