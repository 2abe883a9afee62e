import { Box } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useKeyInput } from '../hooks/use-key-input.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { stepPassed, type TutorialData } from '../model.js';
import { resolveUiOptions, type UiOptions } from '../options.js';
import { TutorialProvider, useTutorialActions, useTutorialState } from '../state/contexts.js';
import type { AppIntents } from '../state/intents.js';
import { buildKeyContext, type KeyContext } from '../state/key-context.js';
import { activeScopes, stepChanged } from '../state/key-router.js';
import { createViewStore, useViewState, type ViewStore } from '../state/store.js';
import { freshStep, isRunning, topModal } from '../state/view-state.js';
import { createTheme, ThemeContext } from '../theme.js';
import { ChecksPanel } from './checks/checks-panel.js';
import { HelpLine } from './help-line.js';
import { computeLayout, MIN_COLUMNS, type ScreenLayout } from './layout.js';
import { checksRowsWanted } from './checks/check-rows.js';
import { textWidth } from '../text/width.js';
import { ConfirmDialog } from './modals/confirm-dialog.js';
import { HelpOverlay, helpOverlayLines, helpOverlayRows, helpOverlayWidth } from './modals/help-overlay.js';
import { LessonList } from './modals/lesson-list.js';
import { LessonCard, lessonCardRows } from './lesson/lesson-card.js';
import { lessonCardLines } from './lesson/lesson-card-lines.js';
import { CourseOutline, OutlineBar } from './outline/course-outline.js';
import { OutputPane } from './output/output-pane.js';
import { PodsPanel } from './pods/pods-panel.js';
import { PromptView } from './prompt/prompt-view.js';
import { quizRows } from './quiz/quiz-view.js';
import { TrafficPanel } from './traffic/traffic-panel.js';
import { stepBodyLines } from './step/step-lines.js';
import { StepPane, stepTextRows } from './step/step-pane.js';
import { NoticeLine, noticeLines, StatusLine } from './status/status-line.js';

export interface TutorialScreenProps {
  /** What to show: outline, step, checks, Pods, cluster, notices. */
  readonly data: TutorialData;
  /** What the keys ask the app to do. */
  readonly intents: AppIntents;
  /**
   * The injected view state. The container creates it once (`createViewStore()`) to feed output
   * and command status into it; when omitted, the screen keeps a private one.
   */
  readonly store?: ViewStore;
  /** Colours / symbols; unspecified fields come from the environment (`NO_COLOR`, `TERM=dumb`). */
  readonly options?: Partial<UiOptions>;
  /** Listen to the keyboard. Default true; false while a child (`kubectl edit`) owns the terminal. */
  readonly keyboard?: boolean;
}

/** Rows of the step pane proper (the outline bar takes one in the narrow layout). */
function stepPaneHeight(layout: ScreenLayout): number {
  return layout.stepHeight - (layout.wide ? 0 : 1);
}

/**
 * The whole tutorial screen. Data and intents come in as props, the view state from the store;
 * the screen owns no domain state, spawns nothing and exits nothing.
 */
export function TutorialScreen({ data, intents, store: injected, options: overrides, keyboard = true }: TutorialScreenProps) {
  const [ownStore] = useState(() => injected ?? createViewStore());
  const store = injected ?? ownStore;
  const view = useViewState(store);
  const options = useMemo(() => resolveUiOptions(process.env, overrides), [overrides?.noColor, overrides?.ascii]);
  const theme = useMemo(() => createTheme(options), [options]);
  const size = useTerminalSize();
  const notice = data.notices?.[data.notices.length - 1];
  const noticeRows = notice === undefined ? 0 : noticeLines(notice, Math.max(MIN_COLUMNS, size.columns), theme.symbols).length;
  const base = computeLayout(size);
  // A quiz is read whole: header, its rows, two rows of step text, the outline bar when narrow.
  const quizHeight = data.step?.quiz === undefined ? 0 : 1 + quizRows(data.step.quiz, base.stepWidth) + 2 + (base.wide ? 0 : 1);
  const layout = computeLayout({
    ...size,
    noticeRows,
    checksRows: checksRowsWanted(data.checks, base.checksWidth, stepPassed(data.step, data.checks), textWidth(theme.symbols.ok) + 1),
    stepRows: quizHeight,
    traffic: data.traffic !== undefined,
  });

  const stepKey = data.step?.id ?? '';
  // A new step resets hints / solution / scroll. Render fresh values right away; the store
  // catches up in the effect (and on the next key, see applyKey).
  const local = view.step.key === stepKey ? view.step : freshStep(stepKey);

  const stepLineCount = useMemo(
    () => (data.step === undefined ? 0 : stepBodyLines(data.step, local, layout.stepWidth, theme.symbols).length),
    [data.step, local.revealedHints, local.solutionShown, layout.stepWidth, theme.symbols],
  );
  const helpLineCount = useMemo(
    () => helpOverlayLines(theme.ascii, helpOverlayWidth(layout.columns)).length,
    [theme.ascii, layout.columns],
  );
  const card = topModal(view);
  const cardLineCount = useMemo(
    () =>
      card?.kind === 'card'
        ? lessonCardLines({ card: card.card, lessons: data.outline.lessons, lessonId: card.lessonId, width: layout.columns, symbols: theme.symbols }).length
        : 0,
    [card, data.outline.lessons, layout.columns, theme.symbols],
  );
  const ctx: KeyContext = buildKeyContext(data, {
    outputRows: layout.outputHeight - 1,
    stepMaxScroll: Math.max(0, stepLineCount - stepTextRows(stepPaneHeight(layout), data.step, layout.stepWidth)),
    helpMaxScroll: Math.max(0, helpLineCount - helpOverlayRows(layout.bodyHeight)),
    cardMaxScroll: Math.max(0, cardLineCount - lessonCardRows(layout.panelsHeight + layout.outputHeight)),
  });
  // A new step resets hints / solution / scroll, and one that opens a lesson shows its intro.
  useEffect(() => store.dispatch(stepChanged(ctx)), [store, stepKey]);


  return (
    <ThemeContext.Provider value={theme}>
      <TutorialProvider state={{ data, view: { ...view, step: local }, layout, options, keyContext: ctx }} actions={{ intents, store }}>
        <KeyboardRouter active={keyboard} />
        <ScreenBody />
      </TutorialProvider>
    </ThemeContext.Provider>
  );
}

/** The screen's one keyboard subscription: every key goes through the store's key layers. */
function KeyboardRouter({ active }: { active: boolean }) {
  const { keyContext } = useTutorialState();
  const { store, intents } = useTutorialActions();
  useKeyInput((press) => {
    store.handleKey(press, keyContext, intents);
  }, active);
  return null;
}

function ScreenBody() {
  const { data, view, layout, keyContext: ctx } = useTutorialState();
  const modal = topModal(view);
  const notice = data.notices?.[data.notices.length - 1];
  const fullModal = modal?.kind === 'help' || modal?.kind === 'lessons' ? modal : undefined;
  const lowerHeight = layout.panelsHeight + layout.trafficHeight + layout.outputHeight;
  const panelsHidden = modal?.kind === 'confirm' || modal?.kind === 'card';
  // Each part mounts the first time it shows and then stays mounted (hidden while covered): the
  // first frame, under the lesson card, draws neither the help overlay nor the panels.
  const helpMounted = useShownOnce(fullModal?.kind === 'help');
  const stepMounted = useShownOnce(fullModal === undefined);
  const panelsMounted = useShownOnce(fullModal === undefined && !panelsHidden);

  return (
    <Box flexDirection="column" width={layout.columns}>
      <StatusLine cluster={data.cluster} width={layout.columns} />
      {notice !== undefined && <NoticeLine notice={notice} width={layout.columns} />}
      {/* Once shown, the help overlay and the panels under it stay mounted and are only hidden
          (issue 9): ? and Esc while output streams cost a change of one style, not the unmounting
          and mounting of the screen's components with their Markdown and wrapping. */}
      {helpMounted && (
        <Box display={fullModal?.kind === 'help' ? 'flex' : 'none'}>
          <HelpOverlay scroll={fullModal?.kind === 'help' ? fullModal.scroll : 0} width={layout.columns} height={layout.bodyHeight} />
        </Box>
      )}
      {fullModal?.kind === 'lessons' && (
        <LessonList
          lessons={data.outline.lessons}
          cursor={fullModal.cursor}
          currentLessonId={data.outline.currentLessonId}
          width={layout.columns}
          height={Math.min(layout.bodyHeight, data.outline.lessons.length + 6)}
        />
      )}
      {stepMounted && (
        <Box flexDirection="column" display={fullModal === undefined ? 'flex' : 'none'}>
          <Box flexDirection="row" height={layout.stepHeight}>
            {layout.wide && (
              <Box width={layout.outlineWidth + 1}>
                <CourseOutline outline={data.outline} width={layout.outlineWidth} height={layout.stepHeight} />
              </Box>
            )}
            <Box flexDirection="column" width={layout.stepWidth}>
              {!layout.wide && <OutlineBar outline={data.outline} width={layout.stepWidth} />}
              <StepPane
                step={data.step}
                local={view.step}
                width={layout.stepWidth}
                height={stepPaneHeight(layout)}
                quizActive={view.focus === 'panel' && modal === undefined}
                emptyMessage={data.emptyMessage}
                summary={data.courseSummary}
              />
            </Box>
          </Box>
          {modal?.kind === 'confirm' && (
            <Box height={lowerHeight} flexDirection="column">
              <ConfirmDialog kind={modal.confirm} choice={modal.choice} width={Math.min(layout.columns, 72)} />
            </Box>
          )}
          {modal?.kind === 'card' && (
            <LessonCard
              card={modal.card}
              lessonId={modal.lessonId}
              lessons={data.outline.lessons}
              advance={modal.advance}
              scroll={modal.scroll}
              width={layout.columns}
              height={lowerHeight}
            />
          )}
          {panelsMounted && (
            <Box flexDirection="column" display={panelsHidden ? 'none' : 'flex'}>
              <Box flexDirection="row" height={layout.panelsHeight}>
                <Box width={layout.checksWidth + 1}>
                  <ChecksPanel
                    checks={data.checks}
                    passed={stepPassed(data.step, data.checks)}
                    skipped={data.step?.skipped === true}
                    width={layout.checksWidth}
                    height={layout.panelsHeight}
                  />
                </Box>
                <PodsPanel pods={data.pods} namespace={data.cluster.namespace} width={layout.podsWidth} height={layout.panelsHeight} />
              </Box>
              {data.traffic !== undefined && layout.trafficHeight > 0 && (
                <TrafficPanel traffic={data.traffic} width={layout.columns} height={layout.trafficHeight} />
              )}
              <OutputPane output={view.output} run={view.run} width={layout.columns} height={layout.outputHeight} />
            </Box>
          )}
        </Box>
      )}
      <PromptView
        prompt={view.prompt}
        focused={view.focus === 'prompt' && modal === undefined}
        suggestedCommand={ctx.suggestedCommand}
        running={isRunning(view)}
        width={layout.columns}
      />
      <HelpLine scopes={activeScopes(view, ctx)} width={layout.columns} flash={view.flash} />
    </Box>
  );
}

/**
 * True from the first render where `shown` is true on: a part is mounted when it first shows and
 * kept (hidden) after, so showing it again remounts nothing, and nothing never shown costs a render.
 * (A ref written during render: it only ever goes from false to true, so a repeated render agrees.)
 */
function useShownOnce(shown: boolean): boolean {
  const ever = useRef(false);
  if (shown) ever.current = true;
  return ever.current;
}
