/**
 * The check language: declarative assertions on cluster state, as lesson files write them.
 * These zod schemas are the single source of truth; the types below are inferred from them.
 * Each check is a mapping whose one "kind" key names it (`podsReady: {...}`), see lessons/README.md.
 */
import * as z from 'zod';
import { parseCommandLine } from '../commands/parse-command-line.js';
import { parseFieldPath } from './field-path.js';
import { kindFromAlias, knownKindNames } from './kinds.js';
import { parseSelector } from './label-selector.js';
import { closest, isMapping, oneOf, strictObject } from './schema-helpers.js';

// DNS-1123 subdomain: what the apiserver accepts as the name of Deployments, Pods, Services...
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const ObjectNameSchema = z
  .string()
  .max(253)
  .regex(DNS_SUBDOMAIN, { error: (issue) => `"${String(issue.input)}" is not a Kubernetes name (lowercase letters, digits, - and .)` });

/** The name under which a step remembers a value: `oldPod`. */
export const MemoryKeySchema = z
  .string()
  .regex(/^[A-Za-z][\w-]*$/, { error: (issue) => `"${String(issue.input)}" is not a name (letters, digits, - and _)` });

const NonEmpty = z.string().trim().min(1);

export const KindSchema = z.string().transform((word, ctx) => {
  const kind = kindFromAlias(word);
  if (kind !== undefined) return kind;
  const guess = closest(word, knownKindNames());
  const hint = guess === undefined ? ` (known: ${knownKindNames().join(', ')})` : `, did you mean "${guess}"?`;
  ctx.issues.push({ code: 'custom', message: `unknown kind "${word}"${hint}`, input: word });
  return z.NEVER;
});

/** `deployment/nginx-depl` → `{ kind: 'Deployment', name: 'nginx-depl' }`. */
export const ObjectRefSchema = z.string().transform((text, ctx) => {
  const [kindWord = '', name, ...extra] = text.split('/');
  if (name === undefined || extra.length > 0) {
    ctx.issues.push({ code: 'custom', message: `expected kind/name, like deployment/nginx-depl`, input: text });
    return z.NEVER;
  }
  const kind = KindSchema.safeParse(kindWord);
  const validName = ObjectNameSchema.safeParse(name);
  if (!kind.success || !validName.success) {
    const message = (kind.error ?? validName.error)!.issues[0]!.message;
    ctx.issues.push({ code: 'custom', message, input: text });
    return z.NEVER;
  }
  return { kind: kind.data, name };
});

/** kubectl's `-l` syntax, `app=web,tier!=db`, parsed into a LabelSelector. */
export const SelectorSchema = z.string().transform((text, ctx) => {
  const parsed = parseSelector(text);
  if (parsed.ok) return parsed.selector;
  ctx.issues.push({ code: 'custom', message: parsed.message, input: text });
  return z.NEVER;
});

const TargetMappingSchema = strictObject({
  kind: KindSchema,
  name: ObjectNameSchema.optional(),
  selector: SelectorSchema.optional(),
}).refine((target) => target.name === undefined || target.selector === undefined, {
  error: 'give name or selector, not both',
});

/** What `exists` / `gone` look at: one object, the objects a selector picks, or all of a kind. */
export const TargetSchema = oneOf((input) => (isMapping(input) ? TargetMappingSchema : ObjectRefSchema));

export const FieldPathSchema = z.string().transform((text, ctx) => {
  const parsed = parseFieldPath(text);
  if (parsed.ok) return parsed.segments;
  ctx.issues.push({ code: 'custom', message: parsed.message, input: text });
  return z.NEVER;
});

const ValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.unknown()), z.record(z.string(), z.unknown())], {
  error: 'expected a value (a string, number, true/false, list or mapping)',
});
const ScalarSchema = z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or true/false' });
const RegexSchema = z.string().refine(
  (text) => {
    try {
      new RegExp(text);
      return true;
    } catch {
      return false;
    }
  },
  { error: (issue) => `${JSON.stringify(issue.input)} is not a valid regular expression` },
);

const FIELD_OPERATORS = ['equals', 'contains', 'matches', 'atLeast'] as const;

/** A command as a lesson writes it; lesson lint applies the kubectl/minikube rules on top. */
export const CommandTextSchema = z.string().superRefine((text, ctx) => {
  const parsed = parseCommandLine(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message, input: text });
});

export const ExistsCheckSchema = strictObject({ exists: TargetSchema });
export const GoneCheckSchema = strictObject({ gone: TargetSchema });

export const FieldCheckSchema = strictObject({
  field: ObjectRefSchema,
  path: FieldPathSchema,
  equals: ValueSchema.optional(),
  contains: ScalarSchema.optional(),
  matches: RegexSchema.optional(),
  atLeast: z.number().optional(),
}).superRefine((check, ctx) => {
  const given = FIELD_OPERATORS.filter((operator) => check[operator] !== undefined);
  if (given.length === 1) return;
  const message =
    given.length === 0
      ? `a field check needs one of ${FIELD_OPERATORS.join(', ')}`
      : `a field check takes one of ${FIELD_OPERATORS.join(', ')}, found ${given.join(' and ')}`;
  ctx.addIssue({ code: 'custom', message, path: given.length === 0 ? ['field'] : [given[1]!] });
});

export const PodsReadyCheckSchema = strictObject({
  podsReady: strictObject({ deployment: ObjectNameSchema, count: z.int().min(0).optional() }),
});

export const ReplacedCheckSchema = strictObject({
  replaced: strictObject({ remembered: MemoryKeySchema, deployment: ObjectNameSchema }),
});

export const ServiceEndpointsCheckSchema = strictObject({
  serviceEndpoints: strictObject({ service: ObjectNameSchema }),
});

const RevisionCountSchema = oneOf((input) =>
  isMapping(input) ? strictObject({ atLeast: z.int().min(1) }) : z.int().min(1),
);

export const RolloutCheckSchema = strictObject({
  rollout: strictObject({
    deployment: ObjectNameSchema,
    revisions: RevisionCountSchema.optional(),
    revision: z.int().min(1).optional(),
    image: NonEmpty.optional(),
    container: ObjectNameSchema.optional(),
    /** The current template is fully rolled out, as `kubectl rollout status` judges it. */
    complete: z.literal(true, { error: 'complete: true, or leave it out' }).optional(),
  }).superRefine((rollout, ctx) => {
    if (rollout.revisions === undefined && rollout.revision === undefined && rollout.complete === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a rollout check needs revisions, revision (with image) or complete', path: ['deployment'] });
    }
    if (rollout.image !== undefined && rollout.revision === undefined) {
      ctx.addIssue({ code: 'custom', message: 'image needs revision: which revision runs it?', path: ['image'] });
    }
    if (rollout.container !== undefined && rollout.image === undefined) {
      ctx.addIssue({ code: 'custom', message: 'container only makes sense with image', path: ['container'] });
    }
  }),
});

export const RanCheckSchema = strictObject({
  ran: oneOf((input) => (Array.isArray(input) ? z.array(CommandTextSchema).min(1) : CommandTextSchema.transform((text) => [text]))),
  exitCode: z.int().min(0).max(255).default(0),
});

export const QuizCheckSchema = strictObject({
  quiz: strictObject({
    question: NonEmpty,
    choices: z.array(NonEmpty).min(2),
    answer: NonEmpty,
    /** Why each wrong choice is wrong, keyed by the choice word for word: shown when it is picked. */
    reasons: z.record(z.string(), NonEmpty).default({}),
    explain: NonEmpty.optional(),
  }).superRefine((quiz, ctx) => {
    if (!quiz.choices.includes(quiz.answer)) {
      ctx.addIssue({ code: 'custom', message: 'the answer must be one of the choices, word for word', path: ['answer'] });
    }
    // A wrong answer with no reason teaches nothing and leaves the learner guessing.
    for (const choice of quiz.choices) {
      if (choice !== quiz.answer && quiz.reasons[choice] === undefined) {
        ctx.addIssue({ code: 'custom', message: `give a reason for the wrong choice "${choice}" (reasons: {"${choice}": ...})`, path: ['reasons'] });
      }
    }
    for (const key of Object.keys(quiz.reasons)) {
      if (!quiz.choices.includes(key)) ctx.addIssue({ code: 'custom', message: `"${key}" is not one of the choices`, path: ['reasons', key] });
      else if (key === quiz.answer) ctx.addIssue({ code: 'custom', message: `"${key}" is the answer: put why in explain`, path: ['reasons', key] });
    }
    const duplicate = quiz.choices.find((choice, i) => quiz.choices.indexOf(choice) !== i);
    if (duplicate !== undefined) ctx.addIssue({ code: 'custom', message: `"${duplicate}" is listed twice`, path: ['choices'] });
  }),
});

/** `during: deployment/shop` → `shop`: a traffic check watches the rollout of one Deployment. */
const DeploymentRefSchema = ObjectRefSchema.transform((ref, ctx) => {
  if (ref.kind === 'Deployment') return ref.name;
  ctx.issues.push({ code: 'custom', message: `expected a Deployment, like deployment/${ref.name}: only Deployments roll out`, input: ref });
  return z.NEVER;
});

/**
 * `traffic`: the downtime meter recorded a whole rollout of a Deployment, with enough requests
 * and at most `maxFailed` (or at least `minFailed`) failures. See eval-traffic.ts.
 */
export const TrafficCheckSchema = strictObject({
  traffic: strictObject({
    /** The metered Service; may be left out when a step of the lesson declares `meter:`. */
    service: ObjectNameSchema.optional(),
    during: DeploymentRefSchema,
    minRequests: z.int().min(1).default(100),
    maxFailed: z.int().min(0).optional(),
    minFailed: z.int().min(1).optional(),
  }).superRefine((traffic, ctx) => {
    if (traffic.maxFailed !== undefined && traffic.minFailed !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'give maxFailed or minFailed, not both', path: ['minFailed'] });
    } else if (traffic.maxFailed === undefined && traffic.minFailed === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give maxFailed (maxFailed: 0 for zero downtime) or minFailed (to show downtime)', path: ['during'] });
    }
  }),
});

/** How the meter tells which version answered: nginx's `Server:` header, or a pattern in the body. */
const MeterVersionSchema = oneOf((input) =>
  input === 'server-header'
    ? z.literal('server-header').transform(() => ({ from: 'server-header' as const }))
    : RegexSchema.transform((pattern) => ({ from: 'body' as const, pattern })),
);

/** `meter: {service: shop, path: /}` in a step block: the downtime meter starts when the step opens. */
export const MeterSpecSchema = strictObject({
  service: ObjectNameSchema,
  path: z.string().regex(/^\/[^\s]*$/, { error: 'expected a URL path starting with /, like /' }).default('/'),
  /** Requests per second. */
  rate: z.int().min(1).max(1000).default(20),
  version: MeterVersionSchema.optional(),
});

const CHECK_SCHEMAS = {
  exists: ExistsCheckSchema,
  gone: GoneCheckSchema,
  field: FieldCheckSchema,
  podsReady: PodsReadyCheckSchema,
  replaced: ReplacedCheckSchema,
  serviceEndpoints: ServiceEndpointsCheckSchema,
  rollout: RolloutCheckSchema,
  ran: RanCheckSchema,
  quiz: QuizCheckSchema,
  traffic: TrafficCheckSchema,
} as const;

export type CheckKind = keyof typeof CHECK_SCHEMAS;
export const CHECK_KINDS = Object.keys(CHECK_SCHEMAS) as CheckKind[];

function isCheckKind(key: string): key is CheckKind {
  return Object.hasOwn(CHECK_SCHEMAS, key);
}

/** One check: its kind is the one key of {@link CHECK_KINDS} it holds. */
export const CheckSchema = oneOf<(typeof CHECK_SCHEMAS)[CheckKind]>((input) => {
  if (!isMapping(input)) return { refuse: 'expected a check, a mapping like `exists: deployment/nginx-depl`' };
  const keys = Object.keys(input);
  const kinds = keys.filter(isCheckKind);
  if (kinds.length === 1) return CHECK_SCHEMAS[kinds[0]!];
  if (kinds.length > 1) return { refuse: `one check per list item, found ${kinds.join(' and ')}`, path: [kinds[1]!] };
  for (const key of keys) {
    const guess = closest(key, CHECK_KINDS);
    if (guess !== undefined) return { refuse: `unknown check, did you mean "${guess}"?`, path: [key] };
  }
  return { refuse: `expected one of the checks: ${CHECK_KINDS.join(', ')}` };
});

/** `remember: {oldPod: {podOf: {deployment: nginx-depl}}}`: values a step records when it opens. */
export const RememberSpecSchema = strictObject({
  podOf: strictObject({ deployment: ObjectNameSchema }),
});

export const RememberSchema = z.record(MemoryKeySchema, RememberSpecSchema);

export type ResourceTarget = z.output<typeof TargetSchema>;
export type ObjectRef = z.output<typeof ObjectRefSchema>;
export type ExistsCheck = z.output<typeof ExistsCheckSchema>;
export type GoneCheck = z.output<typeof GoneCheckSchema>;
export type FieldCheck = z.output<typeof FieldCheckSchema>;
export type PodsReadyCheck = z.output<typeof PodsReadyCheckSchema>;
export type ReplacedCheck = z.output<typeof ReplacedCheckSchema>;
export type ServiceEndpointsCheck = z.output<typeof ServiceEndpointsCheckSchema>;
export type RolloutCheck = z.output<typeof RolloutCheckSchema>;
export type RanCheck = z.output<typeof RanCheckSchema>;
export type QuizCheck = z.output<typeof QuizCheckSchema>;
export type TrafficCheck = z.output<typeof TrafficCheckSchema>;
export type MeterSpec = z.output<typeof MeterSpecSchema>;
export type MeterVersionSource = NonNullable<MeterSpec['version']>;
export type Check = z.output<typeof CheckSchema>;
export type RememberSpec = z.output<typeof RememberSpecSchema>;
export type Remember = z.output<typeof RememberSchema>;
