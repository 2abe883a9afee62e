import { renderUi } from './support/render.js';
import { test } from 'vitest';
import { TutorialScreen } from '../../src/ui/index.js';
import { data, mockIntents } from './support/fixtures.js';

test('smoke', async () => {
  const ui = await renderUi(<TutorialScreen data={data()} intents={mockIntents()} options={{ noColor: false, ascii: false }} />);
  console.log(ui.frame());
  ui.resize(80, 24);
  await ui.waitFor((f) => !f.includes('Start a cluster'));
  console.log(ui.frame());
  ui.press('?');
  await ui.waitFor('Keys');
  console.log(ui.frame());
  ui.press('esc', 'l');
  await ui.waitFor('Lessons');
  console.log(ui.frame());
  ui.unmount();
});
