import { describe, expect, it } from 'vitest';
import { freshSecret, redact, secretsIn } from '../../../lab/export/redact.ts';

describe('redaction of a bundle', () => {
  it("finds the secrets of a run's configs, keyrings and command lines, and not its paths", () => {
    const registry =
      'storage:\n  s3:\n    accesskey: AVZKMG55CH21A8ZH402B\n    secretkey: FqVKZgoepNNiOJBt/JjWSjHX+Bnph4MzIIs8_H9HL\nhttp:\n  secret: 190a6c7b5bca846ebfb3e47c8e3e0c91\n';
    const keyring = '[osd.0]\n\tkey = AQDuJA9r1cteAhAALYtfoHQG7DoAfDmmoXHTPA==\n';
    const log = '{"args":["user","create","--access-key=KOU1KFMVSMCNS3ZQ","--secret=z_vNIhgpcYhbFeIF2O39"],"keyring":"/srv/x/keyring","key":"short"}';
    expect(secretsIn(registry)).toEqual(['AVZKMG55CH21A8ZH402B', 'FqVKZgoepNNiOJBt/JjWSjHX+Bnph4MzIIs8_H9HL', '190a6c7b5bca846ebfb3e47c8e3e0c91']);
    expect(secretsIn(keyring)).toEqual(['AQDuJA9r1cteAhAALYtfoHQG7DoAfDmmoXHTPA==']);
    expect(secretsIn(log)).toEqual(['KOU1KFMVSMCNS3ZQ', 'z_vNIhgpcYhbFeIF2O39']);
  });

  it('replaces every secret, and every path by its stand-in, the longest first', () => {
    const text = 'PUT /srv/lab/runs/r1/registry/config.yml with key ABCDEFGHIJKLMNOP by /home/ops/.local/share/x on host buildbox-7';
    const r = {
      secrets: ['ABCDEFGHIJKLMNOP'],
      paths: [
        ['/srv/lab/runs', 'runs'],
        ['/srv/lab/runs/r1', 'runs/r1'],
        ['/home/ops', '~'],
        ['buildbox-7', '<host>'],
      ] as const,
    };
    expect(redact(text, r)).toBe('PUT runs/r1/registry/config.yml with key <secret> by ~/.local/share/x on host <host>');
  });
});

describe('fresh secrets for a bundle', () => {
  const random = (n: number) => Buffer.alloc(n, 7);

  it('gives a Ceph key a new key of the same type and length that Ceph can read', () => {
    const key = 'AQDuJA9r1cteAhAALYtfoHQG7DoAfDmmoXHTPA==';
    const fresh = freshSecret(key, random);
    expect(fresh).not.toBe(key);
    const raw = Buffer.from(fresh, 'base64');
    expect(raw.length).toBe(Buffer.from(key, 'base64').length);
    expect(raw.readUInt16LE(0)).toBe(1);
    expect(raw.readUInt16LE(10)).toBe(16);
    expect([...raw.subarray(12)]).toEqual(Array(16).fill(7));
  });

  it('keeps the length and the kind of each character of any other secret', () => {
    const fresh = freshSecret('z_vNIhgpcYhbFeIF2O39', random);
    expect(fresh).toHaveLength(20);
    const shape = (s: string) => s.replace(/[a-z]/g, 'a').replace(/[A-Z]/g, 'A').replace(/\d/g, '0');
    expect(shape(fresh)).toBe(shape('z_vNIhgpcYhbFeIF2O39'));
    expect(fresh).not.toBe('z_vNIhgpcYhbFeIF2O39');
  });

  it('replaces a path only where it begins and ends', () => {
    const r = { secrets: [], paths: [['/tmp', '<tmp>']] as const };
    expect(redact('mkdir /repro/registry-front/tmp/body /tmp/x "/tmp" /tmpfs', r)).toBe('mkdir /repro/registry-front/tmp/body <tmp>/x "<tmp>" /tmpfs');
  });
});
