import { memo } from 'react';
import { Text } from 'ink';
import { useNow } from '../../hooks/use-now.js';
import type { ClusterConnection, ClusterView, Notice } from '../../model.js';
import { truncateEnd } from '../../text/width.js';
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

/** The newest transient notice, on its own row. */
export function NoticeLine({ notice, width }: { notice: Notice; width: number }) {
  const theme = useTheme();
  const symbol = notice.level === 'error' ? theme.symbols.fail : notice.level === 'warn' ? '!' : theme.symbols.dot;
  const style = theme.status[notice.level === 'error' ? 'error' : notice.level === 'warn' ? 'warn' : 'info'];
  return (
    <Text wrap="truncate-end" {...style}>
      {truncateEnd(`${symbol} ${notice.text}`, width, theme.symbols.ellipsis)}
    </Text>
  );
}

/** Memoized: re-renders only when its props change (output streams re-render the screen often). */
export const StatusLine = memo(StatusLineView);
