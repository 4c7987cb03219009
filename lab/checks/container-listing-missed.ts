// During a fault, one Swift object server took no writes while the others did, and the container replica it
// should have updated got far fewer listing updates than the others: a listing Swift lost (no async pending),
// which only the container-replicator brings back.
import type { EventOf } from '../core/events/schema.ts';
import { faultWindows } from '../core/fault-windows.ts';
import { symptom } from './check.ts';

function putsBy(events: readonly EventOf<'access'>[], servers: RegExp, from: number, to: number, objects = false): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) {
    if (e.t < from || e.t > to || e.method !== 'PUT' || !servers.test(e.upstream ?? '')) continue;
    if (objects && e.path.split('/').length <= 5) continue; // container updates name an object: /c1/<part>/<account>/<container>/<object>
    counts.set(e.upstream!, (counts.get(e.upstream!) ?? 0) + 1);
  }
  return counts;
}

const list = (m: Map<string, number>, all: string[]) => all.map((s) => `${s} ${m.get(s) ?? 0}`).join(', ');

export default symptom({
  name: 'container-listing-missed',
  about: 'during a fault one Swift object server took no writes and a container replica missed the listing updates',
  run({ events }) {
    const swift = events.filter((e): e is EventOf<'access'> => e.type === 'access' && e.product === 'swift');
    const evidence: string[] = [];
    for (const w of faultWindows(events)) {
      const to = w.to ?? Infinity;
      const objects = putsBy(swift, /^o\d$/, w.from, to);
      const listings = putsBy(swift, /^c\d$/, w.from, to, true);
      const os = ['o1', 'o2', 'o3'];
      const cs = ['c1', 'c2', 'c3'];
      const down = os.filter((o) => (objects.get(o) ?? 0) === 0);
      const best = Math.max(0, ...listings.values());
      const behind = cs.filter((c) => (listings.get(c) ?? 0) < best / 2);
      if (down.length === 0 || down.length === os.length || behind.length === 0) continue;
      evidence.push(
        `during fault ${w.fault}: object servers took ${list(objects, os)} PUTs; container replicas took ${list(listings, cs)} listing updates: ${behind.join(', ')} missed ${behind.map((c) => best - (listings.get(c) ?? 0)).join(', ')}`,
      );
    }
    return { valid: evidence.length > 0, evidence };
  },
});
