// Benjamini–Hochberg adjusted p-values (q-values), the step-up false discovery rate procedure:
// q(i) = min over j ≥ i of p(j)·m/j on the ascending ranks, capped at 1, returned in the input order.
// Same definition as R's p.adjust(method = "BH") and scipy's false_discovery_control(method = "bh").

export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, index } = order[rank - 1]!;
    running = Math.min(running, (p * m) / rank);
    adjusted[index] = running;
  }
  return adjusted;
}
