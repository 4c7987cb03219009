import { describe, expect, it } from 'vitest';
import '../../../../faults/index.ts';
import { parseEvents } from '../../../../lab/core/events/log.ts';

const line = (e: object) => JSON.stringify({ seq: 0, t: 1, at: '2026-11-22T00:00:00Z', ...e });

describe('old event shapes, upcast on read', () => {
  it('a fault event naming its target as text gets structured targets', () => {
    const [toxic, bucket] = parseEvents(
      [
        line({ type: 'fault.applied', fault: 'rgw-stall', kind: 'toxic', target: 'fault-proxy/rgw-link', detail: {} }),
        line({ type: 'fault.healed', fault: 'switch', kind: 'bucket-switch', target: 'registry → object-store/new', detail: {} }),
        '',
      ].join('\n'),
    ).events;
    expect(toxic).toMatchObject({ type: 'fault.applied', targets: [{ component: 'fault-proxy', link: 'rgw-link' }] });
    expect(bucket).toMatchObject({ type: 'fault.healed', targets: [{ component: 'registry', resource: 'object-store/new' }] });
  });

  it('a one-shot action recorded as fault.applied becomes a fault.action', () => {
    const [flush] = parseEvents(
      line({ type: 'fault.applied', fault: 'flush', kind: 'cache-flush', target: 'cache/FLUSHALL', detail: { reply: '+OK' } }) + '\n',
    ).events;
    expect(flush).toMatchObject({ type: 'fault.action', fault: 'flush', kind: 'cache-flush', targets: [{ component: 'cache', resource: 'FLUSHALL' }] });
  });
});
