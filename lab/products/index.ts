// Every product the lab can run. Adding one is a folder beside these and a line here.
import { Registry } from '../core/registry.ts';
import { TOOLS, type Source } from '../provision/programs.ts';
import ceph from './ceph/index.ts';
import distribution from './distribution/index.ts';
import envoy from './envoy/index.ts';
import minio from './minio/index.ts';
import nginx from './nginx/index.ts';
import type { AnyProduct } from './product.ts';
import redis from './redis/index.ts';
import type { Role } from './roles.ts';
import rsync from './rsync/index.ts';
import swift from './swift/index.ts';
import toxiproxy from './toxiproxy/index.ts';

export const PRODUCT_LIST = [ceph, distribution, envoy, minio, nginx, redis, rsync, swift, toxiproxy] as const;

export const PRODUCTS = new Registry<AnyProduct>('product', PRODUCT_LIST as unknown as AnyProduct[]);

/** The products that can fill a role. */
export function fillersOf(role: Role): AnyProduct[] {
  return PRODUCTS.all.filter((p) => role in p.fills);
}

/** Every program the lab can run, and the tools it drives, by name. */
export const PROGRAMS: Readonly<Record<string, Source>> = Object.assign({}, TOOLS, ...PRODUCTS.all.map((p) => p.programs));
