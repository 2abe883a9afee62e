/**
 * The text of the lesson cards (issue #8, item 6), pre-wrapped to the card's width: on entering
 * a lesson its story (the intro), what the learner will be able to do, its steps and its length;
 * on finishing it, what was learned and what comes next. Pure, so it is tested without Ink.
 */
import type { LessonSummary } from '../../model.js';
import { renderMarkdown } from '../../text/markdown.js';
import { wrapSegments, type StyledLine } from '../../text/styled.js';
import type { CardKind } from '../modals/modal-state.js';

export interface CardInput {
  readonly card: CardKind;
  readonly lessons: readonly LessonSummary[];
  readonly lessonId: string;
  readonly width: number;
  readonly symbols: { readonly bullet: string; readonly ok: string; readonly skipped: string; readonly separator: string };
}

/** `about 8 min`, or nothing when the author gave no estimate. */
export function minutesLabel(minutes: number | undefined): string | undefined {
  return minutes === undefined ? undefined : `about ${minutes} min`;
}

function bullets(items: readonly string[], width: number, bullet: string): StyledLine[] {
  return renderMarkdown(items.map((item) => `- ${item}`).join('\n'), width, { bullet });
}

function heading(text: string, width: number): StyledLine[] {
  return wrapSegments([{ text, styles: ['heading'] }], width);
}

export function lessonCardLines({ card, lessons, lessonId, width, symbols }: CardInput): StyledLine[] {
  const index = lessons.findIndex((lesson) => lesson.id === lessonId);
  const lesson = lessons[index];
  if (lesson === undefined) return [];
  const lines: StyledLine[] = [];
  const sep = ` ${symbols.separator} `;
  if (card === 'intro') {
    const facts = [`Lesson ${index + 1} of ${lessons.length}`, `${lesson.stepsTotal} steps`, minutesLabel(lesson.minutes)].filter(Boolean).join(sep);
    lines.push(...heading(lesson.title, width), ...wrapSegments([{ text: facts, styles: ['dim'] }], width), []);
    if (lesson.intro !== undefined && lesson.intro.trim() !== '') lines.push(...renderMarkdown(lesson.intro, width, { bullet: symbols.bullet }), []);
    if (lesson.objectives !== undefined && lesson.objectives.length > 0) {
      lines.push([{ text: 'You will be able to:', styles: ['bold'] }], ...bullets(lesson.objectives, width, symbols.bullet), []);
    }
    if (lesson.stepTitles !== undefined && lesson.stepTitles.length > 0) {
      lines.push(...wrapSegments([{ text: 'Steps: ', styles: ['bold'] }, { text: lesson.stepTitles.map((title, i) => `${i + 1}. ${title}`).join(sep) }], width), []);
    }
    return lines;
  }
  const skipped = lesson.stepsSkipped ?? 0;
  const verdict = skipped > 0 ? `${symbols.skipped} Lesson finished, ${skipped} step${skipped === 1 ? '' : 's'} skipped: ${lesson.title}` : `${symbols.ok} Lesson finished: ${lesson.title}`;
  lines.push(...wrapSegments([{ text: verdict, styles: [skipped > 0 ? 'warn' : 'ok', 'bold'] }], width));
  if (lesson.summary !== undefined) lines.push(...renderMarkdown(lesson.summary, width, { bullet: symbols.bullet }));
  lines.push([]);
  if (lesson.objectives !== undefined && lesson.objectives.length > 0) {
    lines.push([{ text: 'You can now:', styles: ['bold'] }], ...bullets(lesson.objectives, width, symbols.bullet), []);
  }
  const next = lessons.slice(index + 1).find((candidate) => candidate.stepsTotal > 0);
  if (next === undefined) {
    lines.push(...wrapSegments([{ text: 'That was the last lesson of the course.', styles: ['bold'] }], width));
    return lines;
  }
  const about = minutesLabel(next.minutes);
  lines.push(...wrapSegments([{ text: 'Next: ', styles: ['bold'] }, { text: next.title, styles: ['accent', 'bold'] }, ...(about === undefined ? [] : [{ text: `${sep}${about}`, styles: ['dim' as const] }])], width));
  if (next.summary !== undefined) lines.push(...renderMarkdown(next.summary, width, { bullet: symbols.bullet }));
  return lines;
}
