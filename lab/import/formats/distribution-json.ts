// Docker Distribution's logrus JSON lines (log.formatter: json): the same fields as its text lines.
import { defineFormat, jsonObject } from '../format.ts';
import { registryFact } from './distribution.ts';

export default defineFormat({
  name: 'distribution-json',
  about: "Docker Distribution's logrus JSON lines (log.formatter: json)",
  product: 'distribution',
  component: 'registry',
  identifiers: ['registry', 'docker-registry', 'distribution'],
  detect(line) {
    const j = jsonObject(line);
    return j !== undefined && typeof j.msg === 'string' && typeof j.level === 'string' && typeof j.time === 'string';
  },
  parse(line, o) {
    const j = jsonObject(line);
    return j && registryFact(j, line, o);
  },
});
