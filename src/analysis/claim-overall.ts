// The overall verdict of a claim checked under several readings: how the readings' verdicts agree ("supported
// under every reading", "supported under 2 of 4 readings — depends on the period meant", "contradicted under
// every reading", "inconclusive"), the one-sided p-values corrected for testing several readings (Holm, over
// the distinct comparisons: two readings of the same periods are one test), and the reading with the most data.
// A reading that could not be checked (nobody watched a period, a zero count) never counts as support.
import { holm } from './stats/holm.js';
import type { ClaimReading, OverallClaimVerdict, OverallVerdict } from './types.js';

type CheckedReading = Omit<ClaimReading, 'adjustedPValue' | 'supportedAfterCorrection'>;

export interface OverallResult {
  overall: OverallClaimVerdict;
  /** Per reading, in order: its Holm-corrected p-value and whether its support survives the correction. */
  adjusted: Array<Pick<ClaimReading, 'adjustedPValue' | 'supportedAfterCorrection'>>;
}

export function overallVerdict(readings: readonly CheckedReading[]): OverallResult {
  const adjusted = correctedPValues(readings);
  const count = (verdict: string) => readings.filter((r) => r.result.verdict === verdict).length;
  const supported = count('supported');
  const contradicted = count('contradicted');
  const inconclusive = count('inconclusive');
  const insufficient = count('insufficient data');
  const n = readings.length;
  const supportedAfterCorrection = adjusted.filter((a) => a.supportedAfterCorrection).length;
  const comparisons = new Set(readings.filter((r) => r.result.test && !r.sameAs).map((r) => r.id)).size;

  let verdict: OverallVerdict;
  if (supported === n) verdict = 'supported';
  else if (supported > 0) verdict = 'depends';
  else if (contradicted === n) verdict = 'contradicted';
  else if (insufficient === n) verdict = 'insufficient data';
  else verdict = 'inconclusive';

  const counts = {
    readings: n,
    supported,
    contradicted,
    inconclusive,
    insufficient,
    supportedAfterCorrection,
    comparisons,
    mostData: readingWithMostData(readings)?.id ?? null,
  };
  return {
    overall: { verdict, summary: summarise(readings, verdict, counts), ...counts },
    adjusted,
  };
}

/**
 * Holm-corrected one-sided p-values: the family is the readings' distinct comparisons that have a test; a
 * reading that repeats an earlier one's periods gets that one's value. Support survives the correction when
 * the corrected p-value is at most (1 − level)/2, the level its interval was drawn at.
 */
function correctedPValues(
  readings: readonly CheckedReading[],
): Array<Pick<ClaimReading, 'adjustedPValue' | 'supportedAfterCorrection'>> {
  const family = readings.filter((r) => r.result.pValue !== null && !r.sameAs);
  const corrected = holm(family.map((r) => r.result.pValue!));
  const byId = new Map(family.map((r, i) => [r.id, corrected[i]!]));
  return readings.map((r) => {
    const adjustedPValue = r.result.pValue === null ? null : (byId.get(r.sameAs ?? r.id) ?? null);
    const level = r.result.estimate?.interval.level ?? 0.95;
    return {
      adjustedPValue,
      supportedAfterCorrection:
        r.result.verdict === 'supported' && adjustedPValue !== null && adjustedPValue <= (1 - level) / 2,
    };
  });
}

/** The reading with the most postings counted in its two periods together (the first on a tie). */
function readingWithMostData(readings: readonly CheckedReading[]): CheckedReading | null {
  let best: CheckedReading | null = null;
  let most = 0;
  for (const reading of readings) {
    const n = reading.result.current.count + reading.result.baseline.count;
    if (reading.result.estimate && n > most) {
      best = reading;
      most = n;
    }
  }
  return best;
}

function periodsOf(reading: CheckedReading): string {
  return `${reading.result.current.period.label} against ${reading.result.baseline.period.label}`;
}

function listOf(readings: readonly CheckedReading[]): string {
  return readings.map((r) => `${r.name} (${periodsOf(r)})`).join(', ');
}

function summarise(
  readings: readonly CheckedReading[],
  verdict: OverallVerdict,
  counts: Omit<OverallClaimVerdict, 'verdict' | 'summary'>,
): string {
  const n = readings.length;
  if (n === 1) return readings[0]!.result.reason;
  const by = (verdict: string) => readings.filter((r) => r.result.verdict === verdict);
  const parts: string[] = [];
  switch (verdict) {
    case 'supported':
      parts.push(`Supported under every reading (${n} of ${n}).`);
      break;
    case 'contradicted':
      parts.push(`Contradicted under every reading (${n} of ${n}).`);
      break;
    case 'depends': {
      const others = readings.length - counts.supported - counts.insufficient;
      parts.push(
        others > 0
          ? `Supported under ${counts.supported} of ${n} readings — depends on the period meant.`
          : `Supported under ${counts.supported} of ${n} readings; the others could not be checked.`,
      );
      parts.push(`Supported: ${listOf(by('supported'))}.`);
      if (counts.contradicted > 0) parts.push(`Contradicted: ${listOf(by('contradicted'))}.`);
      if (counts.inconclusive > 0) parts.push(`Inconclusive: ${listOf(by('inconclusive'))}.`);
      break;
    }
    case 'inconclusive':
      parts.push(
        `Inconclusive: supported under none of the ${n} readings` +
          (counts.contradicted > 0
            ? `; contradicted under ${counts.contradicted} (${listOf(by('contradicted'))})`
            : '') +
          (counts.inconclusive > 0 ? `; inconclusive under ${counts.inconclusive}` : '') +
          '.',
      );
      break;
    case 'insufficient data':
      parts.push(
        `Insufficient data: none of the ${n} readings could be checked (${readings[0]!.result.reason}).`,
      );
      break;
  }
  if (counts.insufficient > 0 && verdict !== 'insufficient data') {
    parts.push(
      `Not checked (no support counted): ${by('insufficient data')
        .map((r) => `${r.name} — ${r.result.reason}`)
        .join('; ')}.`,
    );
  }
  if (counts.supported > 0) {
    const survive = counts.supportedAfterCorrection;
    parts.push(
      survive === counts.supported
        ? `The support survives the correction for checking ${counts.comparisons} distinct comparisons (Holm).`
        : `After correcting for checking ${counts.comparisons} distinct comparisons (Holm), the support survives under ${survive} of the ${counts.supported} supporting readings.`,
    );
  }
  return parts.join(' ');
}
