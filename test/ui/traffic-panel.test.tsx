import { renderUi } from './support/render.js';
import { describe, expect, it } from 'vitest';
import { ThemeContext, createTheme, type TrafficView } from '../../src/ui/index.js';
import { TrafficPanel } from '../../src/ui/components/traffic/traffic-panel.js';
import { chartRows, resample, totalsLine, UNICODE_GLYPHS } from '../../src/ui/components/traffic/traffic-chart.js';
import { computeLayout } from '../../src/ui/components/layout.js';

const perSecond = Array.from({ length: 60 }, (_, i) => (i >= 50 && i < 53 ? { answered: 10, failed: 10 } : { answered: 20, failed: 0 }));
const traffic: TrafficView = {
  service: 'shop',
  running: true,
  source: 'requests from this machine to http://127.0.0.1:31000/',
  perSecond,
  versions: 'v1 60% · v2 40%',
  total: 1200,
  failed: 30,
  failureRate: 0.025,
  longestGap: 1.5,
  p50Ms: 4,
  p99Ms: 12,
  rate: 20,
  timeline: {
    title: 'Rollout of shop: 12.0 s, 30 of 240 requests failed, the longest gap 1.5 s',
    seconds: 12,
    rows: [
      { label: 'old (rev 1) ready', values: [4, 4, 3, 2, 1, 0], sum: false },
      { label: 'new (rev 2) ready', values: [0, 1, 2, 3, 4, 4], sum: false },
      { label: 'terminating', values: [0, 1, 1, 1, 1, 0], sum: false },
      { label: 'failed requests', values: [0, 0, 10, 20, 0, 0], sum: true },
    ],
  },
};

describe('Traffic panel', () => {
  it('charts answered vs failed per second, the totals and version mix, and the rollout timeline beside', async () => {
    const ui = await renderUi(<TrafficPanel traffic={traffic} width={120} height={8} />, { keyboard: false });
    const frame = await ui.waitFor('failed requests');
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/^─ Traffic · shop · 20 req\/s · requests from this machine/);
    expect(frame).toContain('1200 req · 30 failed (2.5%) · longest failure run 1.5 s');
    expect(frame).toContain('v1 60% · v2 40% · █ answered ▒ failed · last 59 s');
    expect(frame).toContain('Rollout of shop: 12.0 s, 30 of 240 requests failed');
    expect(frame).toMatch(/old \(rev 1\) ready +4+3+2+1+·+/);
    expect(frame).toMatch(/new \(rev 2\) ready +·+1+2+3+4+/);
    expect(frame).toMatch(/failed requests +·+\+{2,}·+/);
    // Failed seconds are drawn with their own character, so they read without colour.
    expect(frame).toContain('▒');
    ui.unmount();
  });

  it('reads in ASCII: # answered, x failed, dots for nothing in the timeline', async () => {
    const ui = await renderUi(
      <ThemeContext.Provider value={createTheme({ ascii: true, noColor: true })}>
        <TrafficPanel traffic={traffic} width={120} height={8} />
      </ThemeContext.Provider>,
      { keyboard: false },
    );
    const frame = await ui.waitFor('failed requests');
    expect(frame).toMatch(/^- Traffic \| shop \| 20 req\/s/);
    expect(frame).toContain('1200 req | 30 failed (2.5%) | longest failure run 1.5 s');
    expect(frame).toContain('v1 60% | v2 40% | # answered x failed | last 59 s');
    expect(frame.split('\n')[1]).toMatch(/^#+x{3}#+ Rollout of shop/);
    expect(frame).toMatch(/terminating +\.+1+\.+/);
    expect(frame).not.toMatch(/[█▒·─]/);
    ui.unmount();
  });
});

describe('traffic chart and layout', () => {
  it('stacks failed over answered and keeps a lone failure visible', () => {
    const rows = chartRows([{ answered: 20, failed: 0 }, { answered: 19, failed: 1 }, { answered: 0, failed: 0 }], 3, 4, UNICODE_GLYPHS);
    expect(rows.map((r) => r.map((c) => c.char).join(''))).toEqual(['█▒ ', '██ ', '██ ', '██ ']);
  });

  it('draws a second in which nothing answered all failed, whatever the rounding', () => {
    // 17 of 21 at 5 rows: 4.05 cells, rounded up for the column and down for the failures before.
    const rows = chartRows([{ answered: 21, failed: 0 }, { answered: 0, failed: 17 }, { answered: 3, failed: 14 }], 3, 5, UNICODE_GLYPHS);
    const columns = [0, 1, 2].map((c) => rows.map((r) => r[c]!.char).join(''));
    expect(columns[1]).toBe('▒▒▒▒▒');
    expect(columns[2]).toBe('▒▒▒▒█');
  });

  it('resamples timeline rows: pod counts keep the last value, failures add up', () => {
    expect(resample([1, 2, 3, 4], false, 2)).toEqual([2, 4]);
    expect(resample([1, 2, 3, 4], true, 2)).toEqual([3, 7]);
    expect(totalsLine({ ...traffic, failed: 0, failureRate: 0 })).toBe('1200 req · 0 failed (0.0%) · p50 4 ms · p99 12 ms');
  });

  it('takes rows for the Traffic panel only while it shows', () => {
    const without = computeLayout({ columns: 120, rows: 40 });
    const withTraffic = computeLayout({ columns: 120, rows: 40, traffic: true });
    expect(without.trafficHeight).toBe(0);
    expect(withTraffic.trafficHeight).toBe(8);
    expect(withTraffic.stepHeight + withTraffic.panelsHeight + withTraffic.outputHeight + withTraffic.trafficHeight).toBe(without.bodyHeight);
  });
});
