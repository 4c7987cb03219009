// The other seed's claim: with a health check on Redis, the registry answers 503 to everything while it is down.
import { symptom } from './check.ts';
import { redisClaim } from './redis-outage.ts';

export default symptom({
  name: 'down-without-redis',
  about: 'while the cache is down, every op gets 503 (a health check on Redis takes the registry down)',
  run: ({ events, ops }) => redisClaim(events, ops, (during) => during.every((o) => o.status === 503)),
});
