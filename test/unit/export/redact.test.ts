import { describe, expect, it } from 'vitest';
import { redact, secretsIn } from '../../../lab/export/redact.ts';

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
