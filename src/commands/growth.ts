// `jobtrend growth`: new postings per week, month or quarter with share, growth rates and the trend.
import { Command } from 'commander';
import { growth } from '../analysis/growth.js';
import type { BucketChange, Granularity, GrowthResult } from '../analysis/types.js';
import type { CliContext } from '../cli/context.js';
import { formatTable } from '../cli/format-table.js';
import { jsonText } from '../cli/print-json.js';
import { addFilterOptions, type FilterOptions, filterFrom, fixed, percent } from './analysis-options.js';
import { withExamples } from './help.js';

interface GrowthOptions extends FilterOptions {
  by: string;
  from?: string;
  to?: string;
}

export function define(context: CliContext): Command {
  const command = addFilterOptions(
    new Command('growth').description(
      'new postings per watched day, by week, month or quarter: share of all postings, growth against the period before and the year before (with intervals), and the trend',
    ),
  )
    .option('--by <unit>', 'week, month or quarter', 'month')
    .option(
      '--from <period>',
      'first period (2024, 2024-06, 2024-Q1 …); default: the first day a source was watched',
    )
    .option('--to <period>', 'last period; default: today')
    .action((options: GrowthOptions) => {
      const db = context.openDb({ readonly: true });
      try {
        const result = growth(db, {
          ...filterFrom(options),
          by: options.by as Granularity,
          ...(options.from ? { from: options.from } : {}),
          ...(options.to ? { to: options.to } : {}),
        });
        context.out.write(options.json ? jsonText(result) : renderGrowth(result));
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    'jobtrend growth --role ai-trainer --city 上海 --by month --from 2024-01',
    'jobtrend growth --match RLHF --by quarter --json',
  );
}

/** The series as a text table with the trend and caveats under it. */
export function renderGrowth(result: GrowthResult, now = new Date()): string {
  const today = now.toISOString().slice(0, 10);
  const rows = result.buckets.map((b) => ({
    [result.by]: b.incomplete && b.start <= today ? `${b.label} (incomplete)` : b.label,
    postings: b.count === null ? '—' : b.count,
    per_day: b.perDay === null ? 'not watched' : fixed(b.perDay, 2),
    share: b.share === null ? '—' : percent(b.share, false),
    vs_previous: changeText(b.vsPrevious),
    vs_year_before: changeText(b.vsYearBefore),
    watched: `${b.watchedDays}/${b.days}`,
    sources: b.sourcesWatched.length,
  }));
  const lines = [
    `New postings (${result.filter.description}), ${result.from} to ${result.to}, by ${result.by}`,
    '',
    formatTable(
      [result.by, 'postings', 'per_day', 'share', 'vs_previous', 'vs_year_before', 'watched', 'sources'],
      rows,
    ),
    'per_day: new postings per watched day. vs_previous, vs_year_before: change of that rate on the sources watched in',
    'both periods, with its 95% interval — the figure `jobtrend claim` gives for the same two periods.',
    '',
  ];
  if (result.trend) {
    const t = result.trend;
    lines.push(
      `Trend: ${percent(t.monthlyGrowth)} a month (95% interval ${percent(t.interval.lower)} to ${percent(t.interval.upper)}), ${t.months} months, R² ${t.rSquared.toFixed(2)}`,
      `  ${t.method}`,
      '',
    );
  }
  lines.push('Caveats:', ...result.caveats.map((c) => `  - ${c.text}`));
  return `${lines.join('\n')}\n`;
}

/** "+12.3% [-5.1, +33.0]": the change and its interval in percent; "—" when there is none. */
function changeText(change: BucketChange | null): string {
  if (!change || change.change === null || !change.interval) return '—';
  const bound = (ratio: number) => {
    if (!Number.isFinite(ratio)) return '∞';
    const value = (ratio - 1) * 100;
    return `${value > 0 ? '+' : ''}${value.toFixed(1)}`;
  };
  return `${percent(change.change)} [${bound(change.interval.lower)}, ${bound(change.interval.upper)}]`;
}
