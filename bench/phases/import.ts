// Import: rows/s importing a 200,000-row synthetic CSV (quick: 20,000) through src/import (CSV reading,
// column mapping, the pipeline, the store), with a target of ≥ 20,000 rows/s. Memory must stay flat with file
// size: each import runs in a fresh process of its own (this file run with node), so its peak RSS is the
// import's, not that of the bench's other modules; the big file's peak is compared with that of a 10×
// smaller one (quick: 4×, still large enough for the heap to reach its steady size).
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile } from '../../src/import/import-file.js';
import { writeSyntheticCsv } from '../../src/import/synthetic-csv.js';
import { openDatabase } from '../../src/store/database.js';
import { type Figure, type Phase, seconds } from './types.js';

const NOW = new Date('2026-11-01T00:00:00.000Z');
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function csvOf(workDir: string, rows: number): Promise<string> {
  const path = join(workDir, `import-${rows}.csv`);
  if (!existsSync(path)) {
    await writeSyntheticCsv(`${path}.part`, rows, { seed: 5 });
    renameSync(`${path}.part`, path);
  }
  return path;
}

async function importRate(workDir: string, csv: string, rows: number): Promise<number> {
  const dbPath = join(workDir, `import-${rows}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const db = openDatabase(dbPath);
  try {
    const start = process.hrtime.bigint();
    const summary = await importFile(db, csv, { sourceName: 'bench', now: () => NOW });
    const took = seconds(start);
    if (summary.inserted + summary.updated + summary.unchanged + summary.skippedCount !== rows) {
      throw new Error(`import read ${summary.rows} rows of ${rows}`);
    }
    if (summary.skippedCount > rows / 100)
      throw new Error(`import skipped ${summary.skippedCount} of ${rows} rows`);
    return rows / took;
  } finally {
    db.close();
  }
}

interface ImportRun {
  rate: number;
  peakRssMb: number;
}

/** One import in a fresh process: its rows/s and its peak RSS. */
function importInChild(workDir: string, csv: string, rows: number): ImportRun {
  const output = execFileSync(
    process.execPath,
    [fileURLToPath(import.meta.url), workDir, csv, String(rows)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = output.split('\n').find((l) => l.startsWith('IMPORT '));
  if (!line) throw new Error(`the import process printed no result: ${output.slice(0, 200)}`);
  return JSON.parse(line.slice(7)) as ImportRun;
}

export const importPhase: Phase = async ({ quick, workDir }) => {
  const rows = quick ? 20_000 : 200_000;
  const small = quick ? rows / 4 : rows / 10;
  const smallCsv = await csvOf(workDir, small);
  const bigCsv = await csvOf(workDir, rows);

  const smallPeak = importInChild(workDir, smallCsv, small).peakRssMb;
  const { rate, peakRssMb: bigPeak } = importInChild(workDir, bigCsv, rows);

  const figures: Figure[] = [
    {
      name: `import a ${rows.toLocaleString('en')}-row CSV (importFile)`,
      value: rate,
      unit: 'rows/s',
      target: '≥ 20,000 rows/s',
      pass: rate >= 20_000,
      peakRssMb: bigPeak,
    },
    {
      name: `peak RSS importing ${rows.toLocaleString('en')} rows`,
      value: bigPeak,
      unit: 'MB',
      baseline: { name: `peak RSS importing ${small.toLocaleString('en')} rows`, value: smallPeak },
      ratio: bigPeak / smallPeak,
      // Quick files are too small for the heap to settle: the figure is shown, and judged in the full run.
      target: quick ? 'ratio ≤ 1.5 (judged in the full run only)' : 'ratio ≤ 1.5 (flat with file size)',
      ...(quick ? {} : { pass: bigPeak / smallPeak <= 1.5 }),
      peakRssMb: bigPeak,
    },
  ];
  return figures;
};

// Run as a script (by importInChild): one import, then its rate and this process's peak RSS.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [workDir, csv, rows] = process.argv.slice(2);
  const rate = await importRate(workDir!, csv!, Number(rows));
  process.stdout.write(`IMPORT ${JSON.stringify({ rate, peakRssMb: peakRssMb() })}\n`);
}
