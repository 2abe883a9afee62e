/**
 * `kubedojo board`: the live board in the terminal, or (`--once`) one look at the room printed as
 * text or (`--json`) as JSON for scripts.
 */
import { render, renderToString } from 'ink';
import type { KubeConfig } from '@kubernetes/client-node';
import { BoardApp } from './board-app.js';
import { BoardScreen } from './board-screen.js';
import { clusterBoardSource, listProgress } from './board-source.js';
import { boardReducer, boardRows, boardSummary, initialBoardState, type BoardFilter, type BoardSort, type StuckRule } from './board-state.js';

export interface BoardRunOptions {
  kubeconfig: KubeConfig;
  once: boolean;
  json: boolean;
  sort: BoardSort;
  filter: BoardFilter;
  stuck: StuckRule;
  now?: () => number;
}

/** `--once`: the room as JSON (`{ summary, learners }`) or as the board's text, no colours. */
export async function boardOnce(options: BoardRunOptions): Promise<string> {
  const now = (options.now ?? Date.now)();
  const items = await listProgress(options.kubeconfig);
  let state = boardReducer(initialBoardState(now, options), { type: 'replace', items });
  state = boardReducer(state, { type: 'connection', connection: { state: 'watching' } });
  if (options.json) return `${JSON.stringify({ at: new Date(now).toISOString(), summary: boardSummary(state), learners: boardRows(state) }, null, 2)}\n`;
  return `${renderToString(<BoardScreen state={state} width={process.stdout.columns ?? 120} />)}\n`;
}

export async function runLiveBoard(options: BoardRunOptions): Promise<void> {
  const source = clusterBoardSource(options.kubeconfig);
  const instance = render(<BoardApp source={source} initial={initialBoardState((options.now ?? Date.now)(), options)} />, { exitOnCtrlC: false, alternateScreen: true });
  await instance.waitUntilExit();
  await source.stop();
}
