// The reference part of docs/scenarios.md, written from the registries and the schemas themselves: every role
// and the products that fill it with their options, the links each wires, every fault kind, step, command, op
// kind, bundled check and field of the evidence language. `lab docs --write` puts it in the file; a test
// fails when the file and this differ, so the docs cannot drift from the code.
import { z } from 'zod';
import { FAULTS } from '../../faults/index.ts';
import { evidenceSchema } from '../checks/evidence.ts';
import { CHECKS } from '../checks/index.ts';
import { COMMANDS, OP_KINDS } from '../ops/index.ts';
import { fillersOf } from '../products/index.ts';
import { IMPLIED_ROLE, ROLES, type Role } from '../products/roles.ts';
import { CONCURRENTLY, STEPS } from './schema.ts';

/** The schema under optional, default and refinement wrappers, with its default and description. */
function unwrap(s: z.ZodTypeAny): { inner: z.ZodTypeAny; optional: boolean; default?: unknown; about?: string } {
  let about = s.description;
  let optional = false;
  let dflt: unknown;
  for (;;) {
    if (s instanceof z.ZodOptional) optional = true;
    else if (s instanceof z.ZodDefault) {
      optional = true;
      dflt = s._def.defaultValue();
    } else if (!(s instanceof z.ZodEffects)) break;
    s = s instanceof z.ZodEffects ? s.innerType() : (s._def.innerType as z.ZodTypeAny);
    about ??= s.description;
  }
  return { inner: s, optional, default: dflt, about };
}

/** A schema as a person writes its values: `integer 1–8`, `"shared" | "per-replica"`, `[ size, … ]`. */
export function typeOf(schema: z.ZodTypeAny): string {
  const s = unwrap(schema).inner;
  if (s instanceof z.ZodString) return s._def.checks.some((c) => c.kind === 'regex') ? `text (${regexAbout(s)})` : 'text';
  if (s instanceof z.ZodNumber) {
    const min = s._def.checks.find((c) => c.kind === 'min');
    const max = s._def.checks.find((c) => c.kind === 'max');
    const int = s._def.checks.some((c) => c.kind === 'int') ? 'integer' : 'number';
    const lo = min && 'value' in min ? (min.inclusive ? min.value : `>${min.value}`) : undefined;
    const hi = max && 'value' in max ? max.value : undefined;
    return lo !== undefined || hi !== undefined ? `${int} ${lo ?? '…'}–${hi !== undefined ? big(hi) : '…'}` : int;
  }
  if (s instanceof z.ZodBoolean) return 'true | false';
  if (s instanceof z.ZodEnum) return (s.options as string[]).map((o) => `"${o}"`).join(' | ');
  if (s instanceof z.ZodLiteral) return JSON.stringify(s.value);
  if (s instanceof z.ZodArray) return `[${typeOf(s.element)}, …]`;
  if (s instanceof z.ZodTuple) return `[${(s.items as z.ZodTypeAny[]).map(typeOf).join(', ')}]`;
  if (s instanceof z.ZodUnion) return (s.options as z.ZodTypeAny[]).map(typeOf).join(' or ');
  if (s instanceof z.ZodRecord) return `{ name: ${typeOf(s.valueSchema)} }`;
  if (s instanceof z.ZodObject) return Object.keys(s.shape).length ? `{ ${Object.keys(s.shape).join(', ')} }` : '{}';
  return 'value';
}

const big = (n: number) => (n >= 2 ** 20 && Number.isInteger(Math.log2(n)) ? `2^${Math.log2(n)}` : String(n));
const regexAbout = (s: z.ZodString) => {
  const c = s._def.checks.find((c) => c.kind === 'regex');
  return c && 'message' in c && c.message ? c.message : 'a pattern';
};
const cell = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One table row per field of an object schema. */
function fieldRows(schema: z.ZodTypeAny, prefix = ''): string[] {
  const s = unwrap(schema).inner;
  if (!(s instanceof z.ZodObject)) return [];
  return Object.entries(s.shape as Record<string, z.ZodTypeAny>).map(([k, f]) => {
    const u = unwrap(f);
    const dflt = u.default === undefined ? (u.optional ? 'optional' : '**required**') : `\`${JSON.stringify(u.default)}\``;
    return `| ${prefix}\`${k}\` | ${cell(typeOf(f))} | ${dflt} | ${cell(u.about ?? '')} |`;
  });
}

function fields(schema: z.ZodTypeAny, what = 'field'): string[] {
  const rows = fieldRows(schema);
  return rows.length ? [`| ${what} | value | default | meaning |`, '|---|---|---|---|', ...rows] : ['No fields.'];
}

function roles(): string[] {
  return (Object.keys(ROLES) as Role[]).flatMap((role) => {
    const fillers = fillersOf(role);
    return [
      `### \`${role}\``,
      '',
      `${ROLES[role]}.${role === IMPLIED_ROLE ? ' Never written in a scenario: the lab adds it.' : ''}`,
      '',
      ...fillers.flatMap((p) => {
        const servers = p.servers?.({} as never) ?? [];
        const links = p.links?.about(role, {} as never);
        return [
          `#### \`${role}: { product: '${p.name}' }\``,
          '',
          `${p.about}.${p.versions ? ` Versions: ${p.versions.map((v: string) => `\`${v}\``).join(', ')} (the first is the default).` : ''}`,
          ...(links ? ['', `Links it wires: ${links}.`] : []),
          ...(servers.length ? ['', `Servers a link can name (\`${role}:<server>\`): ${servers.map((s: string) => `\`${s}\``).join(', ')}.`] : []),
          '',
          ...(role === IMPLIED_ROLE ? [] : fields(p.fills[role]!, 'option')),
          '',
        ];
      }),
    ];
  });
}

function faultKinds(): string[] {
  return FAULTS.all.flatMap((k) => [
    `### \`kind: '${k.name}'\` (${k.shape === 'action' ? 'a one-shot action: `fault` does it, there is nothing to heal' : 'lasting: `fault` applies it, `heal` ends it'})`,
    '',
    `${k.about}.`,
    '',
    ...fields(k.spec),
    '',
  ]);
}

function steps(): string[] {
  return [
    '| step | value | meaning |',
    '|---|---|---|',
    ...Object.entries({ ...STEPS, concurrently: CONCURRENTLY }).map(([k, s]) => `| \`{ ${k}: … }\` | ${cell(typeOf(s))} | ${cell(unwrap(s).about ?? '')} |`),
  ];
}

function commands(): string[] {
  return COMMANDS.all.flatMap((c) => [`### \`{ cmd: '${c.name}' }\``, '', `${c.about}.`, '', ...fields(c.spec), '']);
}

function opKinds(): string[] {
  return ['| op kind | args | value |', '|---|---|---|', ...OP_KINDS.all.map((k) => `| \`${k.name}\` | ${cell(typeOf(k.args))} | ${cell(typeOf(k.value))} |`)];
}

function checks(): string[] {
  return ['| check | kind | what it says |', '|---|---|---|', ...CHECKS.all.map((c) => `| \`${c.name}\` | ${c.kind} | ${cell(c.about)} |`)];
}

function evidenceFields(): string[] {
  const shape = (unwrap(evidenceSchema).inner as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
  const firstOf = (s: z.ZodTypeAny) => {
    const inner = unwrap(s).inner;
    return inner instanceof z.ZodUnion ? (inner.options as z.ZodTypeAny[])[0]! : inner;
  };
  return [
    'An evidence, and each clause of its `all` or `any`:',
    '',
    ...fields(evidenceSchema),
    '',
    'What `events` selects on (one selector, or a list of which any may match):',
    '',
    ...fields(firstOf(shape.events!)),
    '',
    'What `ops` selects on (likewise):',
    '',
    ...fields(firstOf(shape.ops!)),
  ];
}

export function reference(): string {
  return [
    '## Reference',
    '',
    'Generated from the lab’s registries by `npm run lab docs -- --write`; do not edit by hand.',
    '',
    '## Roles and products',
    '',
    ...roles(),
    '## Fault kinds',
    '',
    'Each entry of `faults` is `{ kind, ...its fields }`.',
    '',
    ...faultKinds(),
    '## Workload steps',
    '',
    ...steps(),
    '',
    '## Commands',
    '',
    'The entries of a `commands` step: `{ cmd, ...its fields }`. Images and uploads are named by their index among those made so far in the run.',
    '',
    ...commands(),
    '## Op kinds',
    '',
    'What the history records for each op (evidence selects ops by `kind`); a `push-manifest` command is recorded as a `push`.',
    '',
    ...opKinds(),
    '',
    '## Bundled checks',
    '',
    ...checks(),
    '',
    '## Evidence fields',
    '',
    ...evidenceFields(),
    '',
  ].join('\n');
}
