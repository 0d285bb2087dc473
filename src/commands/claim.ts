// `jobtrend claim`: checks a claim such as "demand for AI trainers in Shanghai rose by over 30% in 2025"
// against the data: estimate, 95% interval, verdict, counts, coverage and caveats. A claim that names no
// period (--period/--baseline left out) is checked under every standard reading as of --as-of, with one
// overall verdict. `--file` checks a YAML list of claims. Exits 0 whatever the verdict; bad input exits 2.
import { Command } from 'commander';
import { checkClaim } from '../analysis/claim.js';
import { checkClaimReadings } from '../analysis/claim-readings.js';
import { parseClaimsFile } from '../analysis/claims-file.js';
import { isValidDay } from '../analysis/dates.js';
import type { Claim, ClaimResult, Metric } from '../analysis/types.js';
import type { CliContext } from '../cli/context.js';
import { formatTable } from '../cli/format-table.js';
import { jsonText } from '../cli/print-json.js';
import { UsageError } from '../errors.js';
import { addFilterOptions, type FilterOptions, filterFrom, fixed, percent } from './analysis-options.js';
import { claimReadingsJson, renderClaimReadings } from './claim-readings-text.js';
import { withExamples } from './help.js';

interface ClaimOptions extends FilterOptions {
  period?: string;
  baseline?: string;
  change?: string;
  asOf?: string;
  metric?: string;
  allSources?: boolean;
  file?: string;
}

export function define(context: CliContext): Command {
  const command = addFilterOptions(
    new Command('claim').description(
      'check a claim about demand ("rose by more than 30%") against the data: estimate, 95% interval, verdict, coverage and caveats',
    ),
  )
    .option(
      '--period <period>',
      'the period the claim is about (2025, 2025-Q3, 2025-06, 2025-W14, 2025-01-01..2025-06-30)',
    )
    .option('--baseline <period>', 'the period it is compared with')
    .option(
      '--as-of <date>',
      'for a claim that names no period (no --period/--baseline): the day it was made (default today); it is checked under every standard reading of the periods complete before that day',
    )
    .option(
      '--change <change>',
      "the claimed change: '>30%' (rose by more than 30%), '<-10%' (fell by more than 10%)",
    )
    .option(
      '--metric <metric>',
      'new (postings per day), share (of all postings), active (open postings per day)',
      'new',
    )
    .option('--all-sources', 'count every source, not only those watched in both periods')
    .option(
      '--file <claims.yaml>',
      'check every claim in a YAML list; each item has a change, either period and baseline or the day it was published, and optionally id, text, publisher, url, role, match, city, sources, metric, all_sources',
    )
    .action((options: ClaimOptions) => {
      const claims = claimsFrom(options);
      const db = context.openDb({ readonly: true });
      try {
        // A claim that states its periods is shown as it always was; one that does not, with its readings.
        const outputs = claims.map((claim) => {
          if (claim.period && claim.baseline) {
            const result = checkClaim(db, claim);
            return { json: result as unknown, text: () => renderClaim(result) };
          }
          const result = checkClaimReadings(db, claim);
          return { json: claimReadingsJson(result), text: () => renderClaimReadings(result) };
        });
        if (options.json) {
          const data = outputs.map((o) => o.json);
          context.out.write(jsonText(options.file ? data : data[0]));
        } else {
          context.out.write(outputs.map((o) => o.text()).join(`\n${'─'.repeat(72)}\n\n`));
        }
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    "jobtrend claim --role ai-trainer --city 上海 --change '>30%' --as-of 2026-01-26",
    "jobtrend claim --role ai-trainer --city 上海 --period 2025 --baseline 2024 --change '>30%'",
    "jobtrend claim --match RLHF --period 2025-Q3 --baseline 2024-Q3 --change '>0%' --metric share --json",
    'jobtrend claim --file examples/claims.yaml',
  );
}

function claimsFrom(options: ClaimOptions): Claim[] {
  const flags = {
    ...filterFrom(options),
    period: options.period,
    baseline: options.baseline,
    change: options.change,
  };
  if (options.file) {
    const given = ['role', 'match', 'city', 'period', 'baseline', 'change', 'asOf'].filter(
      (key) => (options as Record<string, unknown>)[key] !== undefined,
    );
    if (given.length > 0 || (options.source?.length ?? 0) > 0) {
      throw new UsageError(
        `--file takes its claims from the file: drop --${given[0] === 'asOf' ? 'as-of' : (given[0] ?? 'source')}, or drop --file`,
      );
    }
    return parseClaimsFile(options.file).map((claim) => ({
      ...claim,
      ...(options.allSources ? { allSources: true } : {}),
    }));
  }
  if (!flags.change) {
    throw new UsageError(
      "claim needs --change, e.g. --change '>30%' (with --period 2025 --baseline 2024, or --as-of 2026-01-26 to check every standard reading), or --file claims.yaml",
    );
  }
  if (Boolean(flags.period) !== Boolean(flags.baseline)) {
    throw new UsageError(
      `claim needs both --period and --baseline, or neither (to check every standard reading as of --as-of): add --${flags.period ? 'baseline' : 'period'}`,
    );
  }
  if (flags.period && options.asOf !== undefined) {
    throw new UsageError(
      '--as-of picks the readings of a claim that names no period: drop it, or drop --period and --baseline',
    );
  }
  if (options.asOf !== undefined && !isValidDay(options.asOf.trim())) {
    throw new UsageError(`--as-of needs a date written YYYY-MM-DD, e.g. 2026-01-26, not "${options.asOf}"`);
  }
  return [
    {
      ...flags,
      ...(flags.period ? { period: flags.period, baseline: flags.baseline } : {}),
      ...(options.asOf !== undefined ? { asOf: options.asOf.trim() } : {}),
      change: flags.change,
      metric: (options.metric ?? 'new') as Metric,
      ...(options.allSources ? { allSources: true } : {}),
    },
  ];
}

const METRIC_UNITS = { new: 'per watched day', share: 'share', active: 'open per day' } as const;

/** One verdict as readable text: claim, verdict, counts, estimate, coverage, caveats. */
export function renderClaim(result: ClaimResult): string {
  const title = result.claim.id ? `Claim ${result.claim.id}` : 'Claim';
  const lines = [`${title}: ${result.statement}`];
  if (result.claim.text) lines.push(`  as published: ${result.claim.text}`);
  lines.push('', `Verdict: ${result.verdict.toUpperCase()} — ${result.reason}`, '');
  const sideRow = (label: string, side: ClaimResult['current']) => ({
    '': label,
    period: side.incomplete ? `${side.period.label} (incomplete)` : side.period.label,
    postings: side.count,
    ...(result.metric === 'share' ? { of_all: side.total ?? 0 } : {}),
    days: side.days,
    [METRIC_UNITS[result.metric]]:
      side.value === null
        ? 'not watched'
        : result.metric === 'share'
          ? percent(side.value, false)
          : fixed(side.value, 3),
  });
  const columns = [
    '',
    'period',
    'postings',
    ...(result.metric === 'share' ? ['of_all'] : []),
    'days',
    METRIC_UNITS[result.metric],
  ];
  lines.push(formatTable(columns, [sideRow('now', result.current), sideRow('baseline', result.baseline)]));
  if (result.estimate) {
    const e = result.estimate;
    lines.push(
      `Estimate: ratio ${fixed(e.ratio)} (${percent(e.change)}), 95% interval ${fixed(e.interval.lower)} to ${fixed(e.interval.upper)} (${percent(e.interval.lower - 1)} to ${percent(e.interval.upper - 1)})`,
      `Method: ${e.method}`,
    );
  }
  if (result.pValue !== null) {
    lines.push(
      `One-sided p-value for the claim: ${result.pValue < 0.0001 ? '< 0.0001' : result.pValue.toFixed(4)} (the chance of data this far in the claimed direction if the change were exactly ${percent(result.change.threshold)})`,
    );
  }
  const c = result.coverage;
  lines.push(
    '',
    `Coverage (${c.panel === 'same-source' ? 'same-source panel' : 'all sources'}): ${c.included.length > 0 ? c.included.join(', ') : 'no source'}; ` +
      `${c.current.exposureDays} days counted in ${c.current.period.label}, ${c.baseline.exposureDays} in ${c.baseline.period.label}`,
  );
  const sources = [...new Set([...c.current.sources, ...c.baseline.sources].map((s) => s.sourceId))].sort();
  if (sources.length > 0) {
    const find = (list: typeof c.current.sources, id: string) => list.find((s) => s.sourceId === id);
    lines.push(
      formatTable(
        [
          'source',
          `days_${c.current.period.label}`,
          `all_postings_${c.current.period.label}`,
          `days_${c.baseline.period.label}`,
          `all_postings_${c.baseline.period.label}`,
          'lifetime',
          'counted',
        ],
        sources.map((id) => ({
          source: id,
          [`days_${c.current.period.label}`]: find(c.current.sources, id)?.watchedDays ?? 0,
          [`all_postings_${c.current.period.label}`]: find(c.current.sources, id)?.postings ?? 0,
          [`days_${c.baseline.period.label}`]: find(c.baseline.sources, id)?.watchedDays ?? 0,
          [`all_postings_${c.baseline.period.label}`]: find(c.baseline.sources, id)?.postings ?? 0,
          lifetime:
            find(c.current.sources, id)?.lifetimeDays ?? find(c.baseline.sources, id)?.lifetimeDays ?? 30,
          counted: c.included.includes(id) ? 'yes' : 'no',
        })),
      ).trimEnd(),
      '(days: days the source was watched, a look at it within `lifetime` days after the day; all_postings: the new postings it listed in the period, any role)',
    );
  }
  lines.push('', 'Caveats:', ...result.caveats.map((c) => `  - ${c.text}`));
  return `${lines.join('\n')}\n`;
}
