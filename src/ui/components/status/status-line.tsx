import { memo } from 'react';
import { Text } from 'ink';
import { useNow } from '../../hooks/use-now.js';
import type { ClusterConnection, ClusterView, Notice } from '../../model.js';
import { plainText, wrapSegments } from '../../text/styled.js';
import { textWidth, truncateEnd } from '../../text/width.js';
import { useTheme, type TextStyle, type Theme } from '../../theme.js';

/** Symbol, text and style of the connection state, e.g. `● reconnecting · retry in 4s`. */
export function connectionLabel(connection: ClusterConnection, now: number, theme: Theme): { symbol: string; text: string; style: TextStyle } {
  const { symbols } = theme;
  switch (connection.state) {
    case 'connecting':
      return { symbol: symbols.dot, text: `connecting${symbols.ellipsis}`, style: theme.status.warn };
    case 'connected':
      return { symbol: symbols.dot, text: 'connected', style: theme.status.ok };
    case 'reconnecting': {
      const parts = ['reconnecting'];
      if (connection.retryAt !== undefined) parts.push(`retry in ${Math.max(0, Math.ceil((connection.retryAt - now) / 1000))}s`);
      if (connection.attempt !== undefined) parts.push(`attempt ${connection.attempt}`);
      return { symbol: symbols.dot, text: parts.join(` ${symbols.separator} `), style: theme.status.warn };
    }
    case 'lost':
      return { symbol: symbols.fail, text: `cluster lost${connection.reason ? `: ${connection.reason}` : ''}`, style: theme.status.error };
  }
}

export interface StatusLineProps {
  readonly cluster: ClusterView;
  readonly width: number;
}

/** `kubedojo  minikube [sandbox]  ● connected  ns tutorial` */
function StatusLineView({ cluster, width }: StatusLineProps) {
  const theme = useTheme();
  const { connection } = cluster;
  const now = useNow(connection.state === 'reconnecting' && connection.retryAt !== undefined);
  const state = connectionLabel(connection, now, theme);
  return (
    <Text wrap="truncate-end">
      <Text {...theme.text.accent} bold>
        kubedojo
      </Text>
      {'  '}
      <Text {...theme.text.bold}>{truncateEnd(cluster.context, Math.max(8, Math.floor(width / 4)), theme.symbols.ellipsis)}</Text>
      {cluster.sandbox && (
        <>
          {' '}
          <Text {...theme.text.badge}>{theme.ascii ? '[sandbox]' : ' sandbox '}</Text>
        </>
      )}
      {'  '}
      <Text {...state.style}>{`${state.symbol} ${state.text}`}</Text>
      {'  '}
      <Text {...theme.text.dim}>ns </Text>
      {cluster.namespace}
    </Text>
  );
}

/** At most this many rows for a notice; longer ones end with an ellipsis (never seen with ours). */
export const MAX_NOTICE_ROWS = 4;

/** The notice wrapped to `width`: symbol on the first row, the rest indented under its text. */
export function noticeLines(notice: Notice, width: number, symbols: Pick<Theme['symbols'], 'fail' | 'dot' | 'ellipsis'>): string[] {
  const symbol = notice.level === 'error' ? symbols.fail : notice.level === 'warn' ? '!' : symbols.dot;
  const indent = textWidth(symbol) + 1;
  const rows = wrapSegments([{ text: notice.text }], Math.max(1, width - indent)).map(plainText);
  const shown = rows.slice(0, MAX_NOTICE_ROWS);
  if (rows.length > MAX_NOTICE_ROWS) shown[MAX_NOTICE_ROWS - 1] = truncateEnd(`${shown[MAX_NOTICE_ROWS - 1] ?? ''} ${rows.slice(MAX_NOTICE_ROWS).join(' ')}`, width - indent, symbols.ellipsis);
  return shown.map((row, i) => `${i === 0 ? `${symbol} ` : ' '.repeat(indent)}${row}`);
}

/** The newest transient notice, wrapped (it is often an instruction: never cut it, issue #8 item 7). */
export function NoticeLine({ notice, width }: { notice: Notice; width: number }) {
  const theme = useTheme();
  const style = theme.status[notice.level === 'error' ? 'error' : notice.level === 'warn' ? 'warn' : 'info'];
  return (
    <>
      {noticeLines(notice, width, theme.symbols).map((row, i) => (
        <Text key={i} wrap="truncate-end" {...style}>
          {row}
        </Text>
      ))}
    </>
  );
}

/** Memoized: re-renders only when its props change (output streams re-render the screen often). */
export const StatusLine = memo(StatusLineView);
