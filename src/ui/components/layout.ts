/**
 * Splits the terminal into panes. Pure: the screen calls it with the current size on every
 * render, so a resize simply produces another layout.
 *
 *   status line                          1 row
 *   notice                               0–1 row
 *   [outline] │ step (text, hints, quiz) stepHeight
 *   checks    │ pods                     panelsHeight
 *   traffic (only while metering)        trafficHeight
 *   output                               outputHeight
 *   prompt                               1 row
 *   help line                            1 row
 *
 * At ≥ 100 columns the outline is a column left of the step; below, it collapses into a one-line
 * progress bar at the top of the step pane.
 */

export const WIDE_MIN_COLUMNS = 100;
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 16;

export interface ScreenLayout {
  readonly columns: number;
  readonly rows: number;
  readonly wide: boolean;
  /** Width of the outline column; 0 when the outline is the one-line bar. */
  readonly outlineWidth: number;
  readonly stepWidth: number;
  /** Rows of the step pane, its header included. */
  readonly stepHeight: number;
  readonly panelsHeight: number;
  readonly checksWidth: number;
  readonly podsWidth: number;
  /** Rows of the output pane, its header included. */
  readonly outputHeight: number;
  /** Rows of the Traffic panel, its header included; 0 when no meter runs. */
  readonly trafficHeight: number;
  /** Rows between the status / notice lines and the prompt. */
  readonly bodyHeight: number;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

export interface LayoutInput {
  readonly columns: number;
  readonly rows: number;
  /** Rows of the (wrapped) notice; 0 when there is none. */
  readonly noticeRows?: number;
  /**
   * Rows the checks panel needs to show every failing check whole (see `checksRowsWanted`): the
   * panels grow to it, taking rows from the output first, up to about half of the body.
   */
  readonly checksRows?: number;
  /**
   * Rows the step pane needs at least (a quiz with its verdict must be read whole): the output,
   * then the panels give up rows for it, down to 3 each.
   */
  readonly stepRows?: number;
  /** A meter runs: the Traffic panel takes rows from the output first (down to 3), then from the step. */
  readonly traffic?: boolean;
}

export function computeLayout(size: LayoutInput): ScreenLayout {
  const columns = Math.max(MIN_COLUMNS, Math.floor(size.columns));
  const rows = Math.max(MIN_ROWS, Math.floor(size.rows));
  const fixed = 1 + (size.noticeRows ?? 0) + 1 + 1;
  const bodyHeight = rows - fixed;
  const basePanels = clamp(Math.round(bodyHeight * 0.25), 3, 10);
  const panelsHeight = clamp(size.checksRows ?? 0, basePanels, Math.max(basePanels, Math.floor(bodyHeight * 0.5)));
  const trafficHeight = size.traffic === true ? clamp(Math.round(bodyHeight * 0.25), 4, 8) : 0;
  const baseOutput = Math.max(3, clamp(Math.round(bodyHeight * 0.33), 3, 20) - trafficHeight);
  // Rows the panels took beyond their share come out of the output (down to 3 rows) first.
  let outputHeight = Math.max(3, baseOutput - (panelsHeight - basePanels));
  let panels = panelsHeight;
  const short = (size.stepRows ?? 0) - (bodyHeight - panels - outputHeight - trafficHeight);
  if (short > 0) {
    const fromOutput = Math.min(short, outputHeight - 3);
    outputHeight -= fromOutput;
    panels -= Math.max(0, Math.min(short - fromOutput, panels - 3));
  }
  const stepHeight = bodyHeight - panels - outputHeight - trafficHeight;
  const wide = columns >= WIDE_MIN_COLUMNS;
  const outlineWidth = wide ? clamp(Math.round(columns * 0.26), 26, 36) : 0;
  // One column of gap between side-by-side panes.
  const stepWidth = wide ? columns - outlineWidth - 1 : columns;
  const checksWidth = Math.floor((columns - 1) / 2);
  return {
    columns,
    rows,
    wide,
    outlineWidth,
    stepWidth,
    stepHeight,
    panelsHeight: panels,
    checksWidth,
    podsWidth: columns - 1 - checksWidth,
    outputHeight,
    trafficHeight,
    bodyHeight,
  };
}
