import { renderUi, type RenderedUi } from './render.js';
import { createViewStore, TutorialScreen, type TutorialData, type UiOptions, type ViewStore } from '../../../src/ui/index.js';
import { data, mockIntents } from './fixtures.js';

export interface ScreenHarness {
  readonly ui: RenderedUi;
  readonly intents: ReturnType<typeof mockIntents>;
  readonly store: ViewStore;
  /** Re-renders with new data (same intents, store and options). */
  update(next: TutorialData): void;
}

/** The full screen with mock intents and an injected store; colours and Unicode unless told. */
export async function renderScreen(
  d: TutorialData = data(),
  options: Partial<UiOptions> = {},
  store: ViewStore = createViewStore(),
): Promise<ScreenHarness> {
  const intents = mockIntents();
  const resolved = { noColor: false, ascii: false, ...options };
  const element = (value: TutorialData) => <TutorialScreen data={value} intents={intents} store={store} options={resolved} />;
  const ui = await renderUi(element(d));
  await ui.waitFor(d.step?.title ?? 'kubedojo');
  return { ui, intents, store, update: (next) => ui.rerender(element(next)) };
}
