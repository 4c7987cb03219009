// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the texts hold compose and shell interpolations
import { describe, expect, it } from 'vitest';
import { composeProject, relocate } from '../../../lab/export/compose.ts';
import type { RecipeStep } from '../../../lab/runtime/recipe.ts';

const steps: RecipeStep[] = [
  {
    role: 'fault-proxy',
    product: 'toxiproxy',
    kind: 'spawn',
    name: 'toxiproxy',
    command: 'toxiproxy',
    args: ['-host', '127.0.0.1', '-port', '4000'],
    env: { LOG_LEVEL: 'info' },
    cwd: '/repro',
  },
  { role: 'fault-proxy', product: 'toxiproxy', kind: 'proxy', name: 'rgw-link', listen: '127.0.0.1:4001', upstream: '127.0.0.1:4002' },
  { role: 'fault-proxy', product: 'toxiproxy', kind: 'ready', endpoint: 'http://127.0.0.1:4000' },
  { role: 'object-store', product: 'ceph', kind: 'dir', path: '/repro/object-store/mon' },
  { role: 'object-store', product: 'ceph', kind: 'file', path: '/repro/object-store/ceph.conf', text: '[global]\nfsid = x\n' },
  {
    role: 'object-store',
    product: 'ceph',
    kind: 'run',
    command: 'ceph-authtool',
    args: ['--create-keyring', '/repro/object-store/keyring', '--cap', 'mon', 'allow *'],
    env: { CEPH_CONF: '/repro/object-store/ceph.conf' },
  },
  {
    role: 'object-store',
    product: 'ceph',
    kind: 'spawn',
    name: 'mon',
    command: 'ceph-mon',
    args: ['-f', '-i', 'a'],
    env: { CEPH_CONF: '/repro/object-store/ceph.conf' },
    cwd: '/repro',
  },
  { role: 'object-store', product: 'ceph', kind: 'run', command: 'radosgw-admin', args: ['user', 'create'], env: {} },
  { role: 'object-store', product: 'ceph', kind: 'spawn', name: 'osd', command: 'ceph-osd', args: ['-f', '-i', '0'], env: {}, cwd: '/' },
  { role: 'object-store', product: 'ceph', kind: 'ready', endpoint: 'http://127.0.0.1:4002' },
  { role: 'registry', product: 'distribution', kind: 'file', path: '/repro/registry/config.yml', text: 'version: 0.1\n' },
  {
    role: 'registry',
    product: 'distribution',
    kind: 'spawn',
    name: 'distribution',
    command: 'docker-registry',
    args: ['serve', '/repro/registry/config.yml', 'a$b'],
    env: {},
    cwd: '/repro',
  },
  { role: 'registry', product: 'distribution', kind: 'ready', endpoint: 'http://127.0.0.1:5000' },
  // a component that never became ready is not a service
  { role: 'cache', product: 'redis', kind: 'spawn', name: 'redis', command: 'redis-server', args: [], env: {}, cwd: '/repro' },
];

const project = composeProject({
  setup: steps,
  local: {
    'fault-proxy': 'registry-lab/toxiproxy:bookworm-1',
    'object-store': 'registry-lab/ceph:bookworm-2',
    registry: 'registry-lab/distribution-2.8:bookworm-3',
  },
  upstream: {
    'fault-proxy': { image: 'ghcr.io/shopify/toxiproxy:2.12.0', programs: { toxiproxy: '/toxiproxy' } },
    'object-store': { image: 'quay.io/ceph/ceph:v16.2.15' },
    registry: { image: 'registry:2.8.2', programs: { 'docker-registry': 'registry' } },
  },
  images: {},
});
const yaml = project.files['compose.yaml']!;

describe('a run as a compose project', () => {
  it('has a service per component that became ready, in that order, each with the address it answers on', () => {
    expect(project.services).toEqual([
      { role: 'fault-proxy', endpoint: 'http://127.0.0.1:4000' },
      { role: 'object-store', endpoint: 'http://127.0.0.1:4002' },
      { role: 'registry', endpoint: 'http://127.0.0.1:5000' },
    ]);
    expect(yaml).not.toContain('  cache:');
  });

  it('names the upstream image by default and the lab’s in local.env, on the host’s network with stack/ mounted', () => {
    expect(yaml).toContain('    image: ${OBJECT_STORE_IMAGE:-quay.io/ceph/ceph:v16.2.15}');
    expect(yaml.match(/network_mode: host/g)).toHaveLength(3);
    expect(yaml).toContain('volumes: ["${REPRO_DIR:-./stack}:/repro"]');
    expect(project.files['local.env']).toContain('OBJECT_STORE_IMAGE=registry-lab/ceph:bookworm-2\n');
  });

  it('runs a one-program component directly, its program named as upstream calls it unless local.env says otherwise', () => {
    expect(yaml).toContain('entrypoint: ["${REGISTRY_PROGRAM:-registry}", "serve", "/repro/registry/config.yml", "a$$b"]');
    expect(yaml).toContain('entrypoint: ["${FAULT_PROXY_PROGRAM:-/toxiproxy}", "-host", "127.0.0.1", "-port", "4000"]');
    expect(yaml).toContain('      LOG_LEVEL: "info"');
    expect(project.files['local.env']).toContain('REGISTRY_PROGRAM=docker-registry\n');
    expect(project.programVars.registry).toEqual({ name: 'REGISTRY_PROGRAM', upstream: 'registry' });
  });

  it('gives a component of several programs an entrypoint that does what the lab did, in order, retrying commands once a program runs', () => {
    expect(yaml).toContain('entrypoint: ["sh", "/repro/entrypoints/object-store.sh"]');
    const script = project.files['stack/entrypoints/object-store.sh']!.split('\n');
    const at = (re: RegExp) => script.findIndex((l) => re.test(l));
    expect(script[at(/ceph-authtool/)]).toBe(
      "env CEPH_CONF=/repro/object-store/ceph.conf ceph-authtool --create-keyring /repro/object-store/keyring --cap mon 'allow *'",
    );
    expect(script[at(/ceph-mon/)]).toBe('(cd /repro && exec env CEPH_CONF=/repro/object-store/ceph.conf ceph-mon -f -i a) &');
    expect(script[at(/radosgw-admin/)]).toBe('retry env radosgw-admin user create');
    expect(script[at(/ceph-osd/)]).toBe('(cd / && exec env ceph-osd -f -i 0) &');
    expect(at(/ceph-authtool/)).toBeLessThan(at(/ceph-mon/));
    expect(at(/ceph-mon/)).toBeLessThan(at(/radosgw-admin/));
    expect(script.at(-2)).toBe('wait');
  });

  it('builds a product with no upstream image from the lab’s Dockerfile, copied into the bundle', () => {
    const minio = composeProject({
      setup: [
        {
          role: 'object-store',
          product: 'minio',
          kind: 'spawn',
          name: 'minio',
          command: 'minio',
          args: ['server', '/repro/object-store/data'],
          env: {},
          cwd: '/repro',
        },
        { role: 'object-store', product: 'minio', kind: 'ready', endpoint: 'http://127.0.0.1:9000' },
      ],
      local: { 'object-store': 'registry-lab/minio:bookworm-4' },
      upstream: {},
      images: { 'object-store': { name: 'minio', suite: 'bookworm' } },
    });
    expect(minio.files['compose.yaml']).toContain(
      '    image: ${OBJECT_STORE_IMAGE:-repro/minio:bookworm}\n    build: {context: ./build/minio, args: {SUITE: bookworm}}\n',
    );
    expect(minio.builds).toEqual(['minio']);
    expect(project.builds).toEqual([]);
  });

  it('puts the rendered configs and the directories under stack/', () => {
    expect(project.files['stack/object-store/ceph.conf']).toBe('[global]\nfsid = x\n');
    expect(project.files['stack/registry/config.yml']).toBe('version: 0.1\n');
    expect(project.dirs).toEqual(['stack/object-store/mon']);
  });

  it('moves the run directory under the mount and wildcard listens onto loopback', () => {
    expect(relocate('-c /srv/runs/r1/envoy.yaml --bind 0.0.0.0', '/srv/runs/r1')).toBe('-c /repro/envoy.yaml --bind 127.0.0.1');
  });
});
