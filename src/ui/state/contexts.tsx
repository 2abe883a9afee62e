/**
 * Two contexts: what the screen shows (read state) and what it can do (actions). Their hooks
 * throw outside `<TutorialProvider>`, so a widget used in the wrong place fails loudly.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { ScreenLayout } from '../components/layout.js';
import type { TutorialData } from '../model.js';
import type { UiOptions } from '../options.js';
import type { AppIntents } from './intents.js';
import type { KeyContext } from './key-context.js';
import type { ViewStore } from './store.js';
import type { ViewState } from './view-state.js';

export interface TutorialStateValue {
  readonly data: TutorialData;
  readonly view: ViewState;
  readonly layout: ScreenLayout;
  readonly options: UiOptions;
  /** What the key router needs from data and layout, built on every render. */
  readonly keyContext: KeyContext;
}

export interface TutorialActionsValue {
  readonly intents: AppIntents;
  readonly store: ViewStore;
}

const TutorialStateContext = createContext<TutorialStateValue | undefined>(undefined);
const TutorialActionsContext = createContext<TutorialActionsValue | undefined>(undefined);

export function TutorialProvider(props: { state: TutorialStateValue; actions: TutorialActionsValue; children?: ReactNode }) {
  return (
    <TutorialActionsContext.Provider value={props.actions}>
      <TutorialStateContext.Provider value={props.state}>{props.children}</TutorialStateContext.Provider>
    </TutorialActionsContext.Provider>
  );
}

export function useTutorialState(): TutorialStateValue {
  const value = useContext(TutorialStateContext);
  if (value === undefined) throw new Error('useTutorialState() must be used inside <TutorialProvider> (rendered by <TutorialScreen>)');
  return value;
}

export function useTutorialActions(): TutorialActionsValue {
  const value = useContext(TutorialActionsContext);
  if (value === undefined) throw new Error('useTutorialActions() must be used inside <TutorialProvider> (rendered by <TutorialScreen>)');
  return value;
}
