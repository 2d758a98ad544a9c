import { describe, expect, it } from 'vitest';
import {
  barChart,
  chartSummary,
  csvFileName,
  formatAverage,
  formatCount,
  formatScore,
  formatShare,
  headlines,
  isEmptyReport,
  othersNote,
  outcomeLines,
  periodLabel,
  TABLE_COLUMNS,
  TOP_BARS,
} from './report-format';
import { noMeasures, quarterByPartner, row } from './report-fixtures';

describe('number formats', () => {
  it('shows counts with thousands separators', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1204)).toBe('1,204');
  });

  it('shows averages to their decimals and a dash for nothing to average', () => {
    expect(formatAverage(12.5)).toBe('12.5');
    expect(formatAverage(15)).toBe('15.0');
    expect(formatAverage(null)).toBe('—');
    expect(formatScore(4.3)).toBe('4.30');
    expect(formatScore(null)).toBe('—');
  });

  it('shows shares as whole percentages', () => {
    expect(formatShare(0.833)).toBe('83%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(null)).toBe('—');
  });

  it('shows null table cells as a dash and zero counts as 0', () => {
    const cells = TABLE_COLUMNS.map((column) => column.value(noMeasures()));
    expect(cells).toEqual(['0', '0', '0', '0', '0', '0', '0', '—', '0', '—']);
  });
});

describe('periodLabel', () => {
  // Intl sets the dash between thin spaces.
  const label = (from: string, to: string, locale: string) => periodLabel(from, to, locale).replace(/\s/g, ' ');

  it('writes a period within a year once with its year, in the reader’s locale', () => {
    expect(label('2026-07-01', '2026-09-30', 'en-GB')).toBe('1 July – 30 September 2026');
    expect(label('2026-07-01', '2026-09-30', 'en-US')).toBe('July 1 – September 30, 2026');
  });

  it('writes both years of a fiscal year, and one day alone', () => {
    expect(label('2026-07-01', '2027-06-30', 'en-GB')).toBe('1 July 2026 – 30 June 2027');
    expect(label('2026-12-07', '2026-12-07', 'en-GB')).toBe('7 December 2026');
  });
});

describe('barChart', () => {
  it('orders partners by the measure, leaves out those without it and keeps the totals’ count', () => {
    const report = quarterByPartner();
    const chart = barChart(report, 'sessionsHeld');
    expect(chart.bars.map((bar) => [bar.label, bar.value, bar.share])).toEqual([
      ['Eastside Youth Shelter', 2, 1],
      ['Northgate College Access', 2, 1],
    ]);
    // The joint session counts in both rows, once in the total.
    expect(chart.total).toBe(3);
    expect(chart.others).toBeNull();
    const people = barChart(report, 'peopleReached');
    expect(people.bars.map((bar) => [bar.key, bar.value, bar.share])).toEqual([
      ['a1', 120, 1],
      ['b2', 80, 80 / 120],
      ['none', 10, 10 / 120],
    ]);
  });

  it('draws the top rows and sums the rest as others', () => {
    const rows = Array.from({ length: TOP_BARS + 3 }, (_, index) =>
      row(`p${index}`, `Partner ${String(index).padStart(2, '0')}`, { visits: index + 1 }),
    );
    const chart = barChart({ groupBy: 'partner', rows, totals: { ...noMeasures(), visits: 120 } }, 'visits');
    expect(chart.bars).toHaveLength(TOP_BARS);
    expect(chart.bars[0]).toMatchObject({ label: 'Partner 14', value: 15 });
    // The three smallest: 1 + 2 + 3.
    expect(chart.others).toEqual({ rows: 3, value: 6 });
    expect(chart.all).toHaveLength(TOP_BARS + 3);
    expect(othersNote(chart, 'partner')).toBe('And 3 other partners: 6 between them.');
    expect(chartSummary(chart, 'visits', 'partner')).toBe(
      'Most visits: Partner 14, 15 of 120. Top 12 of 15 partners shown.',
    );
  });

  it('keeps months in order, empty ones included', () => {
    const rows = [
      row('2026-07', 'July 2026', { attendance: 10 }),
      row('2026-08', 'August 2026', {}),
      row('2026-09', 'September 2026', { attendance: 40 }),
    ];
    const chart = barChart({ groupBy: 'month', rows, totals: { ...noMeasures(), attendance: 50 } }, 'attendance');
    expect(chart.bars.map((bar) => [bar.label, bar.value])).toEqual([
      ['July 2026', 10],
      ['August 2026', 0],
      ['September 2026', 40],
    ]);
    expect(chart.bars[0].share).toBe(0.25);
    expect(chartSummary(chart, 'attendance', 'month')).toBe('Most attendees: September 2026, 40 of 50.');
  });
});

describe('chartSummary', () => {
  it('names the leader and its share of the total', () => {
    const report = quarterByPartner();
    expect(chartSummary(barChart(report, 'peopleReached'), 'peopleReached', 'partner')).toBe(
      'Most people reached: Eastside Youth Shelter, 120 of 210.',
    );
  });

  it('names a tie and says when there is nothing', () => {
    const report = quarterByPartner();
    expect(chartSummary(barChart(report, 'sessionsHeld'), 'sessionsHeld', 'partner')).toBe(
      'Most sessions held: Eastside Youth Shelter and Northgate College Access, 2 each of 3.',
    );
    const empty = { ...report, rows: [], totals: noMeasures() };
    expect(chartSummary(barChart(empty, 'feedbackCount'), 'feedbackCount', 'partner')).toBe(
      'No feedback responses in this period.',
    );
  });
});

describe('headlines and outcomes', () => {
  it('gives the totals as headline numbers with their details', () => {
    const shown = headlines(quarterByPartner().totals);
    expect(shown.map((headline) => [headline.label, headline.value, headline.detail])).toEqual([
      ['People reached', '210', undefined],
      ['Visits', '7', undefined],
      ['Invitations handed out', '80', undefined],
      ['Sessions held', '3', '1 cancelled · 2 upcoming'],
      ['Attendance', '45', '15.0 per session on average'],
      ['Feedback responses', '10', 'Rated 4.30 of 5 on average'],
    ]);
    const none = headlines(noMeasures());
    expect(none[4].detail).toBe('No attendance recorded');
    expect(none[5].detail).toBe('No ratings');
  });

  it('gives each outcome its average, share agreeing and answers', () => {
    expect(outcomeLines(quarterByPartner().totals)).toEqual([
      { key: 'knowledge', label: 'Learned something new', average: '4.25', agree: '83%', answered: '12' },
      { key: 'confidence', label: 'Feel more confident', average: '3.90', agree: '60%', answered: '10' },
      {
        key: 'application',
        label: 'Will use what they learned',
        average: '4.00',
        agree: '75%',
        answered: '8',
      },
      { key: 'awareness', label: 'Know more about the library', average: '—', agree: '—', answered: '0' },
    ]);
  });

  it('calls a period without visits, sessions or feedback empty', () => {
    expect(isEmptyReport(noMeasures())).toBe(true);
    expect(isEmptyReport({ ...noMeasures(), sessionsUpcoming: 1 })).toBe(false);
    expect(isEmptyReport(quarterByPartner().totals)).toBe(false);
  });

  it('names the CSV file as the server does', () => {
    expect(csvFileName(quarterByPartner())).toBe('tandem-outreach-partner-2026-07-01-2026-09-30.csv');
  });
});
