/**
 * kubedojo's Ink view layer. The container (wired elsewhere) provides `TutorialData`, implements
 * `AppIntents`, owns a `ViewStore`, and renders `<TutorialScreen>`.
 */
export * from './model.js';
export { resolveUiOptions, type UiOptions } from './options.js';
export { createTheme, ThemeContext, useTheme, type Theme, type TextStyle, type Tone, type Symbols } from './theme.js';
export * from './keys.js';
export * from './key-help.js';

export * from './state/view-state.js';
export { viewReducer, reduceAll } from './state/reducer.js';
export * from './state/intents.js';
export * from './state/key-context.js';
export type { KeyLayer, KeyResult } from './state/key-layer.js';
export { KEY_LAYERS, routeKey, applyKey, activeScopes, type AppliedKey } from './state/key-router.js';
export { createViewStore, useViewState, type ViewStore, type ViewStoreOptions } from './state/store.js';
export { createOutputSink, type OutputSink, type OutputSinkOptions } from './state/output-sink.js';
export { createFrameScheduler, FRAME_INTERVAL_MS, type FrameScheduler, type FrameClock, type FrameSchedulerOptions } from './state/frame-scheduler.js';
export {
  TutorialProvider,
  useTutorialState,
  useTutorialActions,
  type TutorialStateValue,
  type TutorialActionsValue,
} from './state/contexts.js';

export { useTerminalSize, type TerminalSize } from './hooks/use-terminal-size.js';
export { keyPressFromInk, useKeyInput } from './hooks/use-key-input.js';

export { renderMarkdown, parseMarkdown, layoutMarkdown, parseInline, type MarkdownBlock } from './text/markdown.js';
export type { StyledLine, Segment, StyleToken } from './text/styled.js';

export { TutorialScreen, type TutorialScreenProps } from './components/tutorial-screen.js';
export { computeLayout, type ScreenLayout } from './components/layout.js';
export { StatusLine, NoticeLine, type StatusLineProps } from './components/status/status-line.js';
export { CourseOutline, OutlineBar, LessonRow, type CourseOutlineProps } from './components/outline/course-outline.js';
export { ProgressBar, progressBarParts, type ProgressBarProps } from './components/outline/progress-bar.js';
export { StepPane, type StepPaneProps } from './components/step/step-pane.js';
export { QuizView, type QuizViewProps } from './components/quiz/quiz-view.js';
export { PromptView, type PromptViewProps } from './components/prompt/prompt-view.js';
export type { PromptState, PromptAction } from './components/prompt/prompt-state.js';
export { OutputPane, type OutputPaneProps } from './components/output/output-pane.js';
export {
  DEFAULT_OUTPUT_CAPACITY,
  type OutputLine,
  type OutputState,
  type OutputStream,
} from './components/output/output-state.js';
export { ChecksPanel, type ChecksPanelProps } from './components/checks/checks-panel.js';
export { PodsPanel, type PodsPanelProps } from './components/pods/pods-panel.js';
export { podTone } from './components/pods/pod-table.js';
export { ConfirmDialog, type ConfirmDialogProps } from './components/modals/confirm-dialog.js';
export { HelpOverlay, type HelpOverlayProps } from './components/modals/help-overlay.js';
export { LessonList, type LessonListProps } from './components/modals/lesson-list.js';
export type { Modal, ConfirmKind } from './components/modals/modal-state.js';
export { HelpLine, type HelpLineProps } from './components/help-line.js';
