// Every bundled check: the invariants that every run is held to, and the symptoms that cannot be said as data
// (lab/checks/evidence.ts): each folds a run in a way a clause cannot (per fault window and server, across the
// blobs a gc deleted, around a failover's loss window). A scenario's other symptoms are evidence in its own file.
// Adding a check is a file beside these and a line here.
import { Registry } from '../core/registry.ts';
import type { Check } from './check.ts';
import containerListingMissed from './container-listing-missed.ts';
import durability from './durability.ts';
import gcDeletedInFlight from './gc-deleted-in-flight.ts';
import honestErrors from './honest-errors.ts';
import integrity from './integrity.ts';
import liveness from './liveness.ts';
import lossWindow from './loss-window.ts';
import lostOnFailover from './lost-on-failover.ts';
import lostOnZoneFailover from './lost-on-zone-failover.ts';
import readYourWrites from './read-your-writes.ts';

export const CHECKS = new Registry<Check>('check', [
  durability,
  integrity,
  liveness,
  honestErrors,
  readYourWrites,
  lossWindow,
  containerListingMissed,
  gcDeletedInFlight,
  lostOnFailover,
  lostOnZoneFailover,
]);

/** The invariants every run is checked against, whatever its scenario names. */
export const INVARIANTS = CHECKS.all.filter((c) => c.kind === 'invariant').map((c) => c.name);
