// Every check: the invariants that every run is held to, and the symptoms scenarios name as the links of an
// incident's evidence chain. Adding one is a file beside these and a line here.
import { Registry } from '../core/registry.ts';
import type { Check } from './check.ts';
import containerListingMissed from './container-listing-missed.ts';
import downWithoutRedis from './down-without-redis.ts';
import durability from './durability.ts';
import emptyAfterSwitch from './empty-after-switch.ts';
import gcDeletedInFlight from './gc-deleted-in-flight.ts';
import honestErrors from './honest-errors.ts';
import integrity from './integrity.ts';
import liveness from './liveness.ts';
import lossWindow from './loss-window.ts';
import lostOnFailover from './lost-on-failover.ts';
import lostOnZoneFailover from './lost-on-zone-failover.ts';
import objectStoreSilent from './object-store-silent.ts';
import push5xxDuringFault from './push-5xx-during-fault.ts';
import quotaRefused from './quota-refused.ts';
import readYourWrites from './read-your-writes.ts';
import registryRetried503 from './registry-retried-503.ts';
import s3FrontIdleTimeout504 from './s3-front-idle-timeout-504.ts';
import s3FrontInjected503 from './s3-front-injected-503.ts';
import servesWithoutRedis from './serves-without-redis.ts';
import smallWritesStall from './small-writes-stall.ts';
import staleContainerListing from './stale-container-listing.ts';

export const CHECKS = new Registry<Check>('check', [
  durability,
  integrity,
  liveness,
  honestErrors,
  readYourWrites,
  lossWindow,
  push5xxDuringFault,
  s3FrontIdleTimeout504,
  objectStoreSilent,
  containerListingMissed,
  staleContainerListing,
  servesWithoutRedis,
  downWithoutRedis,
  gcDeletedInFlight,
  lostOnFailover,
  smallWritesStall,
  quotaRefused,
  emptyAfterSwitch,
  lostOnZoneFailover,
  s3FrontInjected503,
  registryRetried503,
]);

/** The invariants every run is checked against, whatever its scenario names. */
export const INVARIANTS = CHECKS.all.filter((c) => c.kind === 'invariant').map((c) => c.name);
