// The log formats `lab import` reads. Adding one is a file beside these and a line here.
import { Registry } from '../../core/registry.ts';
import type { LogFormat } from '../format.ts';
import distributionJson from './distribution-json.ts';
import distribution from './distribution.ts';
import envoyJson from './envoy-json.ts';
import envoy from './envoy.ts';
import { journald } from './journald.ts';
import nginx from './nginx.ts';
import rgwBeast from './rgw-beast.ts';
import rgwOps from './rgw-ops.ts';

const MESSAGES = [envoy, envoyJson, nginx, distribution, distributionJson, rgwBeast, rgwOps];

/** In the order detection prefers them when a line fits several (journald's envelope first). */
export const FORMATS = new Registry<LogFormat>('log format', [journald(MESSAGES), ...MESSAGES]);
