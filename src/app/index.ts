/**
 * The app: the thin container that wires a TutorialSession to the Ink screen, the terminal
 * hand-off for interactive commands, the one exit path, and the running-app record that lets a
 * second terminal find the app's cluster.
 */
export { runApp, sandboxNotice, type RunAppOptions } from './run-app.js';
export { createAppContainer, type AppContainer, type AppContainerOptions } from './app-container.js';
export { AppRoot, type AppRootProps } from './app-root.js';
export { SCREEN_RENDER_OPTIONS } from './render-options.js';
export { createAppStateStore, type AppState, type AppStateStore } from './app-state.js';
export { createAppIntents, exitedAction, NOT_READY_FLASH, type AppIntentDeps } from './intents.js';
export { loadingData, CONNECTING_MESSAGE } from './loading-data.js';
export { createTerminalHandoff, type TerminalHandoffDeps } from './terminal-handoff.js';
export { restoreTerminal, type TerminalStreams } from './restore-terminal.js';
export { findRunningApp, publishRunningApp, withdrawRunningApp, runningAppDir, serverOf, type RunningApp } from './running-app.js';
