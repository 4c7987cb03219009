// Image tags follow the content of the image's folder, its suite and its build args; FROM lines say which base
// images a build needs; each product (and Ceph version) has its image.
import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProvisionError } from '../../../lab/core/errors.ts';
import { PRODUCTS } from '../../../lab/products/index.ts';
import { imagesOf, type TopologyData } from '../../../lab/products/topology.ts';
import { baseSuites, IMAGES_DIR, imageTag } from '../../../lab/provision/images.ts';
import { POD } from '../../../lab/runner/launch.ts';
import { validate } from '../../../lab/scenario/load.ts';

describe('imageTag', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lab-images-test-'));
    cpSync(join(IMAGES_DIR, 'ceph'), join(dir, 'ceph'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is registry-lab/<name>:<suite>-<12 hex>, and the same for the same content', () => {
    const tag = imageTag('ceph', 'trixie', {}, dir);
    expect(tag).toMatch(/^registry-lab\/ceph:trixie-[0-9a-f]{12}$/);
    expect(imageTag('ceph', 'trixie', {}, dir)).toBe(tag);
    expect(imageTag('ceph', 'trixie', {}, IMAGES_DIR)).toBe(tag);
  });

  it('changes with one byte of the Dockerfile, a new file, the suite or a build arg', () => {
    const tag = imageTag('ceph', 'bookworm', { A: '1' }, dir);
    expect(imageTag('ceph', 'trixie', { A: '1' }, dir)).not.toBe(tag);
    expect(imageTag('ceph', 'bookworm', { A: '2' }, dir)).not.toBe(tag);
    expect(imageTag('ceph', 'bookworm', { B: '1' }, dir)).not.toBe(tag);
    expect(imageTag('ceph', 'bookworm', {}, dir)).not.toBe(tag);
    appendFileSync(join(dir, 'ceph', 'Dockerfile'), ' ');
    const edited = imageTag('ceph', 'bookworm', { A: '1' }, dir);
    expect(edited).not.toBe(tag);
    writeFileSync(join(dir, 'ceph', 'entry.sh'), '');
    expect(imageTag('ceph', 'bookworm', { A: '1' }, dir)).not.toBe(edited);
  });

  it('does not depend on the order the args are given in', () => {
    expect(imageTag('ceph', 'forky', { A: '1', B: '2' }, dir)).toBe(imageTag('ceph', 'forky', { B: '2', A: '1' }, dir));
  });

  it('refuses an image with no Dockerfile', () => {
    expect(() => imageTag('nothing-here', 'bookworm', {}, dir)).toThrow(ProvisionError);
  });
});

describe('baseSuites', () => {
  it('reads the SUITE arg (braced or not) and fixed suites of every stage, once each', () => {
    const df = [
      'ARG SUITE',
      'FROM registry-lab/debian:trixie AS build',
      'RUN true',
      `FROM registry-lab/debian:${'$'}{SUITE}`,
      'from registry-lab/debian:$SUITE',
    ].join('\n');
    expect(baseSuites(df, 'bookworm')).toEqual(['trixie', 'bookworm']);
    expect(baseSuites(df, 'trixie')).toEqual(['trixie']);
  });

  it('ignores other images and stages, and refuses an unknown suite', () => {
    expect(baseSuites('FROM build AS final\nFROM registry-lab/debianish:x\n', 'bookworm')).toEqual([]);
    expect(() => baseSuites('FROM registry-lab/debian:sid\n', 'bookworm')).toThrow(ProvisionError);
  });

  it('finds the bases of the real Dockerfiles', async () => {
    const { readFileSync } = await import('node:fs');
    expect(baseSuites(readFileSync(join(IMAGES_DIR, 'minio', 'Dockerfile'), 'utf8'), 'bookworm')).toEqual(['trixie', 'bookworm']);
    expect(baseSuites(readFileSync(join(IMAGES_DIR, 'ceph', 'Dockerfile'), 'utf8'), 'forky')).toEqual(['forky']);
  });
});

describe('the image of each product', () => {
  const imageOf = (spec: Record<string, unknown>) => imagesOf(validate(spec, 'x').topology as TopologyData);
  const scenario = (store: Record<string, unknown>, registry: Record<string, unknown> = {}) => ({
    name: 'x',
    symptom: '-',
    source: '-',
    topology: { registry: { product: 'distribution', storage: 's3', ...registry }, 'object-store': store },
    workload: [{ pull: 'all' }],
    expect: {},
  });

  it('puts each Ceph release on the Debian suite that carries it, and each Distribution version in its image', () => {
    const store = (version?: string) => imageOf(scenario({ product: 'ceph', ...(version && { version }) })).find((i) => i.role === 'object-store')!.image;
    expect(store()).toEqual({ name: 'ceph', suite: 'bookworm' });
    expect(store('18')).toEqual({ name: 'ceph', suite: 'trixie' });
    expect(store('20')).toEqual({ name: 'ceph', suite: 'forky' });
    const registry = imageOf(scenario({ product: 'minio' }, { version: '3' })).find((i) => i.role === 'registry')!;
    expect(registry).toEqual({ role: 'registry', image: { name: 'distribution-3', suite: 'bookworm' }, programs: ['registry-3'] });
  });

  it('has a fixture folder for every product, and the pod', () => {
    for (const p of PRODUCTS.all)
      for (const version of p.versions ?? [undefined]) {
        const { name, suite } = p.image({ version });
        expect(() => imageTag(name, suite)).not.toThrow();
      }
    expect(() => imageTag(POD.name, POD.suite)).not.toThrow();
  });
});
