// Holm's step-down correction of p-values for testing several hypotheses at once: it keeps the chance of any
// false finding among them at the level asked for (family-wise error). From @stdlib's padjust.
import padjust from '@stdlib/stats-padjust';

/** Holm-adjusted p-values, in the order given; [] for []. */
export function holm(pValues: readonly number[]): number[] {
  if (pValues.length === 0) return [];
  return padjust([...pValues], 'holm');
}
