import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../lab/core/run-files.ts';
import { junitXml } from '../../../lab/suite/junit.ts';
import type { Outcome, Testcase } from '../../../lab/suite/suite.ts';

const testcase = (scenario: string, variant?: string, combination?: string) => ({ id: scenario, scenario, variant, combination, choice: {} }) as Testcase;
const notSeen: Verdict = {
  verdict: 'not reproduced',
  exitCode: 1,
  expected: 'reproduced',
  reason: 's3-front-504 was not seen: no 504 from s3-front for PUT <small> & "quoted"',
  checks: {
    's3-front-504': { kind: 'symptom', valid: false, evidence: ['no 504 from s3-front', 'PUTs: 3'] },
    durability: { kind: 'invariant', valid: true, evidence: ['2 acknowledged images pull back'] },
  },
  crashes: [],
};

describe('the JUnit report', () => {
  const outcomes: Outcome[] = [
    {
      testcase: testcase('stream-idle-504', undefined, 'ceph, Distribution 2.8'),
      status: 'passed',
      seconds: 12.5,
      verdict: { ...notSeen, verdict: 'reproduced', exitCode: 0 },
      run: 'runs/a',
    },
    { testcase: testcase('stream-idle-504', undefined, 'minio, Distribution 3'), status: 'failed', seconds: 10, verdict: notSeen, run: 'runs/b' },
    { testcase: testcase('quota-exhausted', undefined, 'minio, Distribution 3'), status: 'skipped', seconds: 0, message: 'minio has no quota' },
    { testcase: testcase('swift-replica-down', 'mitigated'), status: 'error', seconds: 1, message: 'object-store: port 8080 in use\u0007' },
  ];
  const xml = junitXml(outcomes, new Date('2026-12-01T10:00:00Z'));

  it('counts every testcase, overall and per scenario', () => {
    expect(xml).toContain('<testsuites name="lab suite" tests="4" failures="1" errors="1" skipped="1" time="23.500">');
    expect(xml).toContain('<testsuite name="stream-idle-504" tests="2" failures="1" errors="0" skipped="0" time="22.500" timestamp="2026-12-01T10:00:00">');
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
  });

  it("gives a failure the verdict's reason as its message and every check's evidence as its body, escaped", () => {
    expect(xml).toContain(
      '<failure message="not reproduced: s3-front-504 was not seen: no 504 from s3-front for PUT &#60;small&#62; &#38; &#34;quoted&#34;" type="not reproduced">' +
        's3-front-504 (symptom): no: no 504 from s3-front; PUTs: 3\ndurability (invariant): yes: 2 acknowledged images pull back</failure>',
    );
    expect(xml).toContain('<system-out>run: runs/b</system-out>');
  });

  it('names a testcase by its variant and stack; a skipped one says why; an error keeps its message without control characters', () => {
    expect(xml).toContain('<testcase classname="stream-idle-504" name="default on ceph, Distribution 2.8" time="12.500">');
    expect(xml).toContain('<skipped message="cannot apply: minio has no quota"/>');
    expect(xml).toContain('<testcase classname="swift-replica-down" name="mitigated" time="1.000">');
    expect(xml).toContain('<error message="object-store: port 8080 in use" type="error">object-store: port 8080 in use</error>');
  });
});
