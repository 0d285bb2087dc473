// What a benchmark phase reports: named figures, each optionally beside a baseline measured in the same
// run, with the target the ratio (or the figure) must meet.
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** value / baseline (higher is better) or, for times, the figure compared with a ceiling. */
  ratio?: number;
  target?: string;
  pass?: boolean;
  peakRssMb?: number;
}

export interface PhaseOptions {
  quick: boolean;
  /** Scratch folder for databases and files. */
  workDir: string;
  /** The 1M (or quick) posting database built by the build phase. */
  bigDbPath: string;
}

export type Phase = (options: PhaseOptions) => Promise<Figure[]>;

export function ratioFigure(
  name: string,
  unit: string,
  value: number,
  baselineName: string,
  baseline: number,
  minRatio: number,
): Figure {
  const ratio = value / baseline;
  return {
    name,
    value,
    unit,
    baseline: { name: baselineName, value: baseline },
    ratio,
    target: `ratio ≥ ${minRatio}`,
    pass: ratio >= minRatio,
  };
}

export function timeFigure(name: string, seconds: number, maxSeconds: number): Figure {
  return { name, value: seconds, unit: 's', target: `< ${maxSeconds} s`, pass: seconds < maxSeconds };
}

export const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
