/**
 * The live board: the state in a reducer fed by the source's watch and a one-second clock
 * (time on step, the stuck flag), keys from the board's table, and the one write it makes —
 * clearing a raised hand.
 */
import { useEffect, useReducer, useState } from 'react';
import { useApp } from 'ink';
import { useKeyInput } from '../../ui/hooks/use-key-input.js';
import { useTerminalSize } from '../../ui/hooks/use-terminal-size.js';
import { boardCommand } from './board-keys.js';
import { BoardScreen } from './board-screen.js';
import { boardReducer, boardRows, type BoardState } from './board-state.js';
import type { BoardSource } from './board-source.js';

export interface BoardAppProps {
  source: BoardSource;
  initial: BoardState;
  now?: () => number;
  /** How often time on step and the stuck flag are recomputed; default 1000 ms. */
  tickMs?: number;
  onQuit?: () => void;
}

export function BoardApp({ source, initial, now = Date.now, tickMs = 1000, onQuit }: BoardAppProps) {
  const [state, dispatch] = useReducer(boardReducer, initial);
  const [flash, setFlash] = useState<string | undefined>();
  const { columns, rows } = useTerminalSize();
  const { exit } = useApp();

  useEffect(() => {
    void source.start(dispatch);
    const timer = setInterval(() => dispatch({ type: 'tick', now: now() }), tickMs);
    return () => {
      clearInterval(timer);
      void source.stop();
    };
  }, [source]);

  useKeyInput((press) => {
    const command = boardCommand(press);
    if (command === undefined) return;
    setFlash(undefined);
    switch (command) {
      case 'move':
        return dispatch({ type: 'move', by: press.name === 'up' ? -1 : 1 });
      case 'sort':
        return dispatch({ type: 'cycle-sort' });
      case 'filter':
        return dispatch({ type: 'cycle-filter' });
      case 'clear-hand': {
        const row = boardRows(state)[state.cursor];
        if (row === undefined || !row.handUp) return setFlash('The selected learner has no hand up.');
        source.clearHand(row.namespace, now()).then(
          () => setFlash(`Cleared ${row.learner}'s hand.`),
          (error: unknown) => setFlash(`Could not clear ${row.learner}'s hand: ${error instanceof Error ? error.message : String(error)}`),
        );
        return;
      }
      case 'quit':
        onQuit?.();
        return exit();
    }
  });

  return <BoardScreen state={state} width={columns} height={rows} {...(flash === undefined ? {} : { flash })} />;
}
