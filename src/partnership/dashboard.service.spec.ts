import type { PortfolioCountRow } from '../read-side/dashboard.query';
import { portfolioTotal } from './dashboard.service';

describe(portfolioTotal.name, () => {
  const counts: PortfolioCountRow[] = [
    { stage: 'active', band: 'thriving', count: 5 },
    { stage: 'active', band: 'at-risk', count: 3 },
    { stage: 'prospect', band: 'unscored', count: 4 },
    { stage: 'paused', band: 'dormant', count: 2 },
    // Not scored yet (added since the refresh): in no page.
    { stage: 'active', band: null, count: 7 },
    { stage: 'ended', band: 'dormant', count: 9 },
    { stage: 'ended', band: null, count: 1 },
  ];

  it('counts every organization a page can show: not ended, with a stored band, unscored ones included', () => {
    expect(portfolioTotal(counts, { bands: null, stages: null })).toBe(14);
  });

  it('counts those in the bands and stages asked for', () => {
    expect(portfolioTotal(counts, { bands: ['at-risk', 'dormant'], stages: null })).toBe(5);
    expect(portfolioTotal(counts, { bands: null, stages: ['active', 'prospect'] })).toBe(12);
    expect(portfolioTotal(counts, { bands: ['thriving'], stages: ['paused'] })).toBe(0);
  });
});
