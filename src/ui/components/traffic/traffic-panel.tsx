import { memo } from 'react';
import { Box, Text } from 'ink';
import type { TrafficView } from '../../model.js';
import { truncateEnd } from '../../text/width.js';
import { useTheme } from '../../theme.js';
import { PaneHeader } from '../pane-header.js';
import { ASCII_GLYPHS, chartRows, timelineLines, totalsLine, UNICODE_GLYPHS } from './traffic-chart.js';

export interface TrafficPanelProps {
  readonly traffic: TrafficView;
  readonly width: number;
  /** Rows, header included. */
  readonly height: number;
}

/**
 * The downtime meter: answered vs failed per second over the last minute, the versions answering,
 * totals; beside it (or instead of it, when narrow) the last rollout's timeline.
 */
function TrafficPanelView({ traffic, width, height }: TrafficPanelProps) {
  const theme = useTheme();
  const { ellipsis } = theme.symbols;
  const glyphs = theme.ascii ? ASCII_GLYPHS : UNICODE_GLYPHS;
  const timeline = traffic.timeline;
  const split = timeline !== undefined && width >= 80;
  const chartWidth = split ? Math.floor((width - 1) / 2) : width;
  const timelineWidth = width - chartWidth - 1;
  const content = Math.max(1, height - 1);
  const showTimelineOnly = timeline !== undefined && !split && !traffic.running;
  const chartHeight = Math.max(1, content - 2);
  const state = traffic.running ? `${traffic.rate.toFixed(0)} req/s` : 'stopped';
  const info = `${traffic.service} ${theme.symbols.separator} ${state}${traffic.source === undefined ? '' : ` ${theme.symbols.separator} ${traffic.source}`}`;
  const chart = chartRows(traffic.perSecond, chartWidth, chartHeight, glyphs);
  const sep = ` ${theme.symbols.separator} `;
  const legend = `${glyphs.answered} answered ${glyphs.failed} failed${sep}last ${Math.min(chartWidth, traffic.perSecond.length)} s`;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <PaneHeader title="Traffic" info={info} width={width} />
      <Box flexDirection="row">
        {!showTimelineOnly && (
          <Box flexDirection="column" width={chartWidth}>
            {chart.map((cells, r) => (
              <Text key={r} wrap="truncate-end">
                {cells.map((cell, c) => (
                  <Text key={c} {...(cell.kind === 'failed' ? theme.status.error : cell.kind === 'answered' ? theme.status.ok : {})}>
                    {cell.char}
                  </Text>
                ))}
              </Text>
            ))}
            <Text wrap="truncate-end" {...(traffic.failed > 0 ? theme.status.error : {})}>{truncateEnd(totalsLine(traffic, theme.symbols.separator), chartWidth, ellipsis)}</Text>
            <Text wrap="truncate-end" {...theme.text.dim}>{truncateEnd(`${traffic.versions.replaceAll(' · ', sep)}${sep}${legend}`, chartWidth, ellipsis)}</Text>
          </Box>
        )}
        {timeline !== undefined && (split || showTimelineOnly) && (
          <Box flexDirection="column" width={showTimelineOnly ? width : timelineWidth} marginLeft={showTimelineOnly ? 0 : 1}>
            <Text wrap="truncate-end" {...theme.text.bold}>{truncateEnd(timeline.title, showTimelineOnly ? width : timelineWidth, ellipsis)}</Text>
            {timelineLines(timeline, showTimelineOnly ? width : timelineWidth, theme.ascii)
              .slice(0, Math.max(0, content - 1))
              .map((line, i) => (
                <Text key={i} wrap="truncate-end" {...(i === 3 ? theme.status.error : {})}>
                  {line}
                </Text>
              ))}
          </Box>
        )}
      </Box>
    </Box>
  );
}

export const TrafficPanel = memo(TrafficPanelView);
