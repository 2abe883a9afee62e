import { useApp, type SuspendTerminal } from 'ink';
import { useEffect, useSyncExternalStore } from 'react';
import { TutorialScreen, type AppIntents, type UiOptions, type ViewStore } from '../ui/index.js';
import type { AppStateStore } from './app-state.js';

export interface AppRootProps {
  /** The data on screen and the keyboard switch (see app-state.ts). */
  readonly state: AppStateStore;
  readonly intents: AppIntents;
  readonly viewStore: ViewStore;
  /** Receives Ink's suspendTerminal once mounted: the terminal hand-off needs it. */
  readonly onSuspendReady?: (suspend: SuspendTerminal) => void;
  readonly options?: Partial<UiOptions>;
}

/** The Ink root: the tutorial screen, fed from the container's state store. */
export function AppRoot({ state, intents, viewStore, onSuspendReady, options }: AppRootProps) {
  const { data, keyboard } = useSyncExternalStore(state.subscribe, state.get, state.get);
  const { suspendTerminal } = useApp();
  useEffect(() => onSuspendReady?.(suspendTerminal), [suspendTerminal, onSuspendReady]);
  return <TutorialScreen data={data} intents={intents} store={viewStore} keyboard={keyboard} {...(options === undefined ? {} : { options })} />;
}
