// Every fault kind. Adding one is a file beside these and a line here.
import { registerUpcaster } from '../lab/core/events/upcast.ts';
import { Registry } from '../lab/core/registry.ts';
import bucketCopy from './bucket-copy.ts';
import bucketSwitch from './bucket-switch.ts';
import cacheFlush from './cache-flush.ts';
import daemonPass from './daemon-pass.ts';
import failover from './failover.ts';
import type { FaultKind } from './fault.ts';
import httpFault from './http-fault.ts';
import linkDown from './link-down.ts';
import processFault from './process.ts';
import quota from './quota.ts';
import readOnly from './read-only.ts';
import syncPass from './sync-pass.ts';
import syncWait from './sync-wait.ts';
import toxic from './toxic.ts';
import zoneFailover from './zone-failover.ts';

export const FAULT_LIST = [
  toxic,
  linkDown,
  daemonPass,
  readOnly,
  cacheFlush,
  failover,
  syncPass,
  zoneFailover,
  syncWait,
  quota,
  bucketSwitch,
  bucketCopy,
  processFault,
  httpFault,
] as const;

export const FAULTS = new Registry<FaultKind>('fault kind', FAULT_LIST as unknown as FaultKind[]);

// Before one-shot actions had their own event, they were recorded as fault.applied (and, rarely, healed).
registerUpcaster('fault.applied', (raw) => (FAULTS.find(String(raw.kind))?.shape === 'action' ? { ...raw, type: 'fault.action' } : raw));
