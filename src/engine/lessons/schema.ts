/**
 * The lesson format's schemas: front matter and the ```yaml step blocks. The step's title and
 * text come from the Markdown around its block (see lessons/README.md), so they are added by the
 * loader, not written in YAML.
 */
import * as z from 'zod';
import { CheckSchema, MeterSpecSchema, RememberSchema } from '../checks/schema.js';
import { strictObject } from '../checks/schema-helpers.js';
import { commandProblem, type CommandUse } from './command-rules.js';
import { stepRules } from './step-rules.js';

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: (issue) => `"${String(issue.input)}" is not an id (lowercase words joined by -)` });

const NonEmpty = z.string().trim().min(1);

function lessonCommand(use: CommandUse) {
  return z.string().superRefine((text, ctx) => {
    const problem = commandProblem(text, use);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: text });
  });
}

export const ManifestPathSchema = z
  .string()
  .regex(/^assets\/(?!.*\.\.)[\w./-]+\.ya?ml$/, {
    error: (issue) => `"${String(issue.input)}" should be a .yaml file under assets/, like assets/nginx-depl.yaml`,
  });

export const StartSchema = strictObject({
  /** Applied first, in order, with `kubectl apply -f` in the tutorial namespace. */
  manifests: z.array(ManifestPathSchema).default([]),
  /** Run after the manifests, in order; they must end on their own. */
  commands: z.array(lessonCommand('start')).default([]),
});

export const LessonMetaSchema = strictObject({
  id: SlugSchema,
  title: NonEmpty,
  summary: NonEmpty,
  objectives: z.array(NonEmpty).min(1),
  /** The author's estimate of the lesson's length, shown in the outline and the intro. */
  minutes: z.int().min(1).max(120).optional(),
  requires: z.array(SlugSchema).default([]),
  start: StartSchema.default({ manifests: [], commands: [] }),
  /** Files under assets/ copied into the learner's workspace folder to edit (src/engine/workspace). */
  workspace: z
    .array(ManifestPathSchema)
    .default([])
    .refine((files) => new Set(files.map((file) => file.slice(file.lastIndexOf('/') + 1))).size === files.length, {
      error: 'workspace files need different names: they are copied into one folder',
    }),
});

export const StepBlockSchema = strictObject({
  id: SlugSchema,
  command: lessonCommand('command').optional(),
  hints: z.array(NonEmpty).min(1, { error: 'give at least one hint' }),
  solution: z.array(lessonCommand('solution')).default([]),
  remember: RememberSchema.default({}),
  /** The downtime meter starts on this Service when the step opens, and runs to the end of the lesson. */
  meter: MeterSpecSchema.optional(),
  checks: z.array(CheckSchema).min(1, { error: 'a step needs at least one check' }),
}).superRefine((step, ctx) => {
  for (const issue of stepRules(step)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

export type LessonMeta = z.output<typeof LessonMetaSchema>;
export type StepBlock = z.output<typeof StepBlockSchema>;

export type Step = StepBlock & {
  /** The `## ` heading. */
  title: string;
  /** The section's Markdown, step block removed. */
  text: string;
  /** Line of the heading in the lesson file. */
  line: number;
};

export type Lesson = LessonMeta & {
  /** The lesson file, as the loader was given it. */
  file: string;
  /** The course root (the folder holding lessons/ and assets/): `start.manifests` are relative to it. */
  root: string;
  /** Markdown between the front matter and the first step. */
  intro: string;
  steps: Step[];
};
