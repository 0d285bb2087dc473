// How `jobtrend claim` shows a claim checked under several readings: the claim as published, one table row per
// reading (periods, counts, watched days, estimate, 95% interval, verdict, Holm-corrected p-value), the
// overall verdict, the reading with the most data, each reading's reason, coverage and caveats — and the same
// as JSON with snake_case keys.
import type { ClaimReading, ClaimReadingsResult } from '../analysis/types.js';
import { formatTable } from '../cli/format-table.js';
import { snakeCaseKeys } from '../text/snake-case-keys.js';
import { fixed, percent } from './analysis-options.js';

/** The claim's readings as readable text. */
export function renderClaimReadings(result: ClaimReadingsResult): string {
  const { claim } = result;
  const lines = [`${claim.id ? `Claim ${claim.id}` : 'Claim'}: ${result.statement}`];
  if (claim.text) lines.push(`  as published: ${claim.text}`);
  const origin = [claim.publisher, claim.published, claim.url].filter(Boolean).join(', ');
  if (origin) lines.push(`  by: ${origin}`);
  if (result.asOf) {
    lines.push(
      '',
      `No period stated: checked under ${result.readings.length} standard readings of the periods complete before ${result.asOf}, all fixed before any count was read.`,
    );
  }
  const columns = columnsFor(result.metric);
  lines.push(
    '',
    formatTable(
      columns,
      result.readings.map((r) => row(r, columns)),
    ).trimEnd(),
  );
  const o = result.overall;
  lines.push('', `Overall verdict (${o.verdict}): ${o.summary}`);
  const most = result.readings.find((r) => r.id === o.mostData);
  if (most) {
    const r = most.result;
    lines.push(
      `Most data: ${most.name} (${r.current.period.label} against ${r.baseline.period.label}: ${r.current.count + r.baseline.count} postings).`,
    );
  }
  lines.push(
    `p (Holm): the one-sided p-value of the claim under each reading, corrected for checking ${o.comparisons} distinct comparison${o.comparisons === 1 ? '' : 's'} (Holm); support that survives the correction has p (Holm) ≤ 0.025.`,
    '',
    'Readings:',
  );
  for (const reading of result.readings) {
    const same = reading.sameAs
      ? ` (the same periods as the ${result.readings.find((r) => r.id === reading.sameAs)?.name} reading)`
      : '';
    lines.push(
      `  - ${reading.name}: ${reading.description}${same}`,
      `    ${reading.result.verdict}: ${reading.result.reason}`,
    );
  }
  const panels = new Set(result.readings.map((r) => coverageLine(r)));
  lines.push('', ...[...panels].map((line) => `Coverage: ${line}`));
  lines.push('', 'Caveats:', ...result.caveats.map((c) => `  - ${c.text}`));
  return `${lines.join('\n')}\n`;
}

/** The table's columns: counts are open postings and days are calendar days for the active metric. */
function columnsFor(metric: ClaimReadingsResult['metric']): string[] {
  const [postings, days] =
    metric === 'active'
      ? ['open_postings', 'days']
      : metric === 'share'
        ? ['postings/all', 'watched_days']
        : ['postings', 'watched_days'];
  return ['reading', 'now', 'baseline', postings, days, 'change', '95% interval', 'verdict', 'p (Holm)'];
}

function row(reading: ClaimReading, columns: string[]): Record<string, unknown> {
  const r = reading.result;
  const side = (s: typeof r.current) => (s.value === null ? `${s.count} (not watched)` : String(s.count));
  const postings =
    r.metric === 'share'
      ? `${r.current.count}/${r.current.total ?? 0} vs ${r.baseline.count}/${r.baseline.total ?? 0}`
      : `${side(r.current)} vs ${side(r.baseline)}`;
  const e = r.estimate;
  return {
    reading: reading.name,
    now: r.current.incomplete ? `${r.current.period.label} (incomplete)` : r.current.period.label,
    baseline: r.baseline.period.label,
    [columns[3]!]: postings,
    [columns[4]!]: `${r.current.days} vs ${r.baseline.days}`,
    change: e ? percent(e.change) : '—',
    '95% interval': e ? `${percent(e.interval.lower - 1)} to ${percent(e.interval.upper - 1)}` : '—',
    verdict: r.verdict,
    'p (Holm)': reading.adjustedPValue === null ? '—' : formatP(reading.adjustedPValue),
  };
}

function formatP(p: number): string {
  return p < 0.0001 ? '< 0.0001' : fixed(p, 4);
}

function coverageLine(reading: ClaimReading): string {
  const c = reading.result.coverage;
  const panel = c.panel === 'same-source' ? 'same-source panel' : 'all sources';
  return `${panel}, sources counted: ${c.included.length > 0 ? c.included.join(', ') : 'none'}${
    c.excluded.length > 0
      ? `; left out: ${c.excluded.map((x) => `${x.sourceId} (${x.reason})`).join('; ')}`
      : ''
  }`;
}

/** The result as JSON-ready data: every reading and the overall verdict, snake_case keys throughout. */
export function claimReadingsJson(result: ClaimReadingsResult): unknown {
  return snakeCaseKeys({
    claim: result.claim,
    statement: result.statement,
    asOf: result.asOf,
    metric: result.metric,
    change: result.change,
    filter: result.filter,
    verdict: result.overall.verdict,
    overall: result.overall,
    readings: result.readings.map((reading) => ({
      reading: reading.id,
      name: reading.name,
      description: reading.description,
      sameAs: reading.sameAs,
      verdict: reading.result.verdict,
      reason: reading.result.reason,
      statement: reading.result.statement,
      current: reading.result.current,
      baseline: reading.result.baseline,
      estimate: reading.result.estimate,
      pValue: reading.result.pValue,
      holmPValue: reading.adjustedPValue,
      supportedAfterCorrection: reading.supportedAfterCorrection,
      overdispersion: reading.result.overdispersion,
      coverage: reading.result.coverage,
      caveats: reading.result.caveats,
    })),
    caveats: result.caveats,
  });
}
