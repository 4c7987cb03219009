// The symptoms a scenario can name in its expectations.
import { containerListingMissed } from './container-listing-missed.ts';
import { emptyAfterSwitch } from './empty-after-switch.ts';
import { gcDeletedInFlight } from './gc-deleted-in-flight.ts';
import { idleTimeout504 } from './idle-timeout-504.ts';
import { lostOnFailover } from './lost-on-failover.ts';
import { lostOnZoneFailover } from './lost-on-zone-failover.ts';
import { objectStoreSilent } from './object-store-silent.ts';
import { push5xxDuringFault } from './push-5xx-during-fault.ts';
import { quotaRefused } from './quota-refused.ts';
import { downWithoutRedis, servesWithoutRedis } from './redis-outage.ts';
import { smallWritesStall } from './small-writes-stall.ts';
import { staleContainerListing } from './stale-container-listing.ts';
import type { Symptom } from './symptom.ts';

export const symptoms = {
  'push-5xx-during-fault': push5xxDuringFault,
  's3-front-idle-timeout-504': idleTimeout504,
  'object-store-silent': objectStoreSilent,
  'container-listing-missed': containerListingMissed,
  'stale-container-listing': staleContainerListing,
  'serves-without-redis': servesWithoutRedis,
  'down-without-redis': downWithoutRedis,
  'gc-deleted-in-flight': gcDeletedInFlight,
  'lost-on-failover': lostOnFailover,
  'small-writes-stall': smallWritesStall,
  'quota-refused': quotaRefused,
  'empty-after-switch': emptyAfterSwitch,
  'lost-on-zone-failover': lostOnZoneFailover,
} satisfies Record<string, Symptom>;

export type SymptomName = keyof typeof symptoms;
export const SYMPTOM_NAMES = Object.keys(symptoms) as [SymptomName, ...SymptomName[]];
