import { memo } from 'react';
import { Box, Text } from 'ink';
import type { PodView } from '../../model.js';
import { truncateEnd } from '../../text/width.js';
import { useTheme } from '../../theme.js';
import { PaneHeader } from '../pane-header.js';
import { podColumns, podHeader, podRow, podTone } from './pod-table.js';

export interface PodsPanelProps {
  readonly pods: readonly PodView[];
  readonly namespace?: string;
  readonly width: number;
  /** Rows, header included. */
  readonly height: number;
}

/** Live Pods of the tutorial namespace, coloured by status, each row cut to the pane width. */
function PodsPanelView({ pods, namespace, width, height }: PodsPanelProps) {
  const theme = useTheme();
  const { ellipsis } = theme.symbols;
  const cols = podColumns(pods, width);
  const rows = Math.max(0, height - 2);
  const shown = pods.length > rows ? pods.slice(0, Math.max(0, rows - 1)) : pods;
  const hidden = pods.length - shown.length;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneHeader title="Pods" info={namespace === undefined ? `${pods.length}` : `${pods.length} in ${namespace}`} width={width} />
      {pods.length === 0 ? (
        <Text {...theme.text.dim}>{truncateEnd('No Pods yet.', width, ellipsis)}</Text>
      ) : (
        <>
          <Text {...theme.text.dim}>{podHeader(cols, ellipsis)}</Text>
          {shown.map((pod) => {
            const tone = podTone(pod);
            return (
              <Text key={pod.name} wrap="truncate-end" {...(tone === undefined ? {} : theme.status[tone])}>
                {podRow(pod, cols, ellipsis)}
              </Text>
            );
          })}
          {hidden > 0 && <Text {...theme.text.dim}>{`+${hidden} more`}</Text>}
        </>
      )}
    </Box>
  );
}

/** Memoized: re-renders only when its props change (output streams re-render the screen often). */
export const PodsPanel = memo(PodsPanelView);
