// The statistics against reference values computed independently with scipy 1.17 (Python). The script
// that produced each number is quoted next to it, so anyone can re-run it.
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/analysis/stats/benjamini-hochberg.js';
import { logLinearFit } from '../../src/analysis/stats/log-linear.js';
import { pearsonDispersion, widenOnLogScale } from '../../src/analysis/stats/overdispersion.js';
import { poissonRateRatio } from '../../src/analysis/stats/poisson-ratio.js';
import { proportionRatio } from '../../src/analysis/stats/proportion-ratio.js';
import { twoProportionTest } from '../../src/analysis/stats/two-proportion.js';

describe('exact interval for a ratio of Poisson rates', () => {
  it('120 → 165 postings over equal periods gives 1.375 with 95% interval [1.080, 1.754]', () => {
    // scipy: n = 285; pL = beta.ppf(0.025, 165, 121); pU = beta.ppf(0.975, 166, 120); R = p / (1 − p)
    // → (1.080298372849371, 1.7543356461672608); R's poisson.test(c(165, 120)) prints the same interval.
    const r = poissonRateRatio(165, 365, 120, 365);
    expect(r.ratio).toBeCloseTo(1.375, 10);
    expect(r.lower).toBeCloseTo(1.080298372849371, 8);
    expect(r.upper).toBeCloseTo(1.7543356461672608, 8);
  });

  it('unequal exposures scale the interval by t0/t1', () => {
    // scipy, same formula with R = p·t0 / ((1 − p)·t1): 150 in 365 days vs 100 in 366 days
    // → ratio 1.5041095890410956, [1.1601179180650727, 1.9570921743664533]
    const r = poissonRateRatio(150, 365, 100, 366);
    expect(r.ratio).toBeCloseTo(1.5041095890410956, 10);
    expect(r.lower).toBeCloseTo(1.1601179180650727, 8);
    expect(r.upper).toBeCloseTo(1.9570921743664533, 8);
    // 30 in 20 days vs 12 in 31 days → 3.875, [1.9265928593463348, 8.31058614943703]
    const s = poissonRateRatio(30, 20, 12, 31);
    expect(s.lower).toBeCloseTo(1.9265928593463348, 7);
    expect(s.upper).toBeCloseTo(8.31058614943703, 7);
  });

  it('a zero count gives a one-sided interval from zero', () => {
    // scipy: beta.ppf(0.975, 1, 5) / (1 − …) = 1.0912791051825457
    const r = poissonRateRatio(0, 10, 5, 10);
    expect(r.ratio).toBe(0);
    expect(r.lower).toBe(0);
    expect(r.upper).toBeCloseTo(1.0912791051825457, 8);
  });
});

describe('two-proportion z-test', () => {
  it('matches the pooled z-test computed with scipy', () => {
    // p = (45 + 30) / 420; z = (45/200 − 30/220) / √(p(1 − p)(1/200 + 1/220)); 2·norm.sf(|z|)
    // → difference 0.08863636363636365, z 2.368769130513966, p 0.01784739024928376
    const t = twoProportionTest(45, 200, 30, 220);
    expect(t.difference).toBeCloseTo(0.08863636363636365, 12);
    expect(t.z).toBeCloseTo(2.368769130513966, 9);
    expect(t.pValue).toBeCloseTo(0.01784739024928376, 9);
    // 12/1000 vs 11/1000 → z 0.2097238130586261, p 0.833883238704763
    const u = twoProportionTest(12, 1000, 11, 1000);
    expect(u.pValue).toBeCloseTo(0.833883238704763, 9);
  });

  it('no variance at all is no evidence of a difference', () => {
    expect(twoProportionTest(0, 50, 0, 80).pValue).toBe(1);
  });
});

describe('Benjamini–Hochberg q-values', () => {
  it('match scipy.stats.false_discovery_control(method="bh"), ties and input order kept', () => {
    const p = [0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04];
    // scipy → [0.035, 0.056, 0.056, 0.035, 0.5, 0.23333333333333336, 0.056]
    const q = benjaminiHochberg(p);
    const reference = [0.035, 0.056, 0.056, 0.035, 0.5, 0.23333333333333336, 0.056];
    q.forEach((value, i) => {
      expect(value).toBeCloseTo(reference[i]!, 12);
    });
  });

  it('never lowers a p-value and never exceeds 1', () => {
    const p = [0.9, 0.95, 0.99, 0.001];
    const q = benjaminiHochberg(p);
    q.forEach((value, i) => {
      expect(value).toBeGreaterThanOrEqual(p[i]!);
      expect(value).toBeLessThanOrEqual(1);
    });
    expect(benjaminiHochberg([])).toEqual([]);
  });
});

describe('overdispersion', () => {
  it('Pearson χ² and its upper-tail p-value match scipy.stats.chi2.sf', () => {
    // 22 cells with expected 10 and a known χ² of 30.5 over df = 22 − 2 = 20; chi2.sf(30.5, 20) = 0.06214689199078489
    const cells = Array.from({ length: 22 }, () => ({ observed: 10, expected: 10 }));
    cells[0] = { observed: 10 + Math.sqrt(305), expected: 10 };
    const d = pearsonDispersion(cells, 2)!;
    expect(d.df).toBe(20);
    expect(d.chiSquare).toBeCloseTo(30.5, 10);
    expect(d.dispersion).toBeCloseTo(1.525, 10);
    expect(d.pValue).toBeCloseTo(0.06214689199078489, 8);
  });

  it('widening by φ = 4 doubles the log-scale half-widths', () => {
    const w = widenOnLogScale(2, 1, 4, 4);
    expect(w.lower).toBeCloseTo(0.5, 12); // ln 2 − 2·ln 2
    expect(w.upper).toBeCloseTo(8, 12); // ln 2 + 2·ln 2
    expect(widenOnLogScale(2, 1, 4, 0.5)).toEqual({ lower: 1, upper: 4 });
  });
});

describe('log-linear trend', () => {
  it('matches scipy.stats.linregress on ln(y) with a t(0.975, n − 2) interval', () => {
    // y = [10, 12, 15, 14, 18, 21, 25]; linregress(range(7), log(y)) → slope 0.14465804743883084,
    // intercept 2.321507185395979, r² 0.9595844047654181, stderr 0.013276710812388693;
    // exp(slope ± t.ppf(0.975, 5)·stderr) − 1 → [0.11686893410746468, 0.19576592212934107]
    const fit = logLinearFit([10, 12, 15, 14, 18, 21, 25].map((y, x) => [x, y] as const))!;
    expect(fit.slope).toBeCloseTo(0.14465804743883084, 10);
    expect(fit.intercept).toBeCloseTo(2.321507185395979, 10);
    expect(fit.rSquared).toBeCloseTo(0.9595844047654181, 10);
    expect(fit.slopeStandardError).toBeCloseTo(0.013276710812388693, 10);
    expect(fit.growth).toBeCloseTo(0.1556443271572039, 10);
    expect(fit.lower).toBeCloseTo(0.11686893410746468, 8);
    expect(fit.upper).toBeCloseTo(0.19576592212934107, 8);
  });

  it('needs three positive points', () => {
    expect(
      logLinearFit([
        [0, 1],
        [1, 2],
      ]),
    ).toBeNull();
  });
});

describe('ratio of two proportions (share metric)', () => {
  it('matches the Katz log interval computed with scipy', () => {
    // r = (150/1000)/(100/1000); se = √(1/150 − 1/1000 + 1/100 − 1/1000); r·exp(∓norm.ppf(0.975)·se)
    // → 1.5, [1.183056900166051, 1.901852733950662]
    const r = proportionRatio(150, 1000, 100, 1000)!;
    expect(r.ratio).toBeCloseTo(1.5, 12);
    expect(r.lower).toBeCloseTo(1.183056900166051, 9);
    expect(r.upper).toBeCloseTo(1.901852733950662, 9);
    expect(proportionRatio(0, 10, 5, 10)).toBeNull();
  });
});
