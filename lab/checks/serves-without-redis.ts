// The runbook's claim: without Redis the registry goes on serving (perhaps slower).
import { symptom } from './check.ts';
import { redisClaim } from './redis-outage.ts';

export default symptom({
  name: 'serves-without-redis',
  about: 'while the cache is down, every op still succeeds (the runbook: "slower but will continue to serve")',
  run: ({ events, ops }) => redisClaim(events, ops, (during) => during.every((o) => o.outcome === 'ok')),
});
