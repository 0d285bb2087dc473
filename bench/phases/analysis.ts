// Analysis on the big database (build-db: 1,000,000 postings; quick 50,000): growth, skills and a claim as
// a user would ask them (role ai-trainer, city Shanghai, 2025 against 2024, by month), each under 1 s, and a
// full report (gather, render, write) under 10 s. Each is timed on its first call, as the CLI would run it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkClaim } from '../../src/analysis/claim.js';
import { growth } from '../../src/analysis/growth.js';
import { skills } from '../../src/analysis/skills.js';
import { gatherReport } from '../../src/report/gather-report.js';
import { renderReport } from '../../src/report/render-report.js';
import { writeReport } from '../../src/report/write-report.js';
import { openDatabase } from '../../src/store/database.js';
import { type Figure, type Phase, seconds, timeFigure } from './types.js';

/** The clock of every query: the big database runs to 2026-10-31. */
const NOW = new Date('2026-11-01T00:00:00.000Z');
const SUBJECT = { role: 'ai-trainer', city: 'Shanghai' };

function timed<T>(run: () => T): { result: T; took: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { result, took: seconds(start) };
}

export const analysis: Phase = async ({ quick, bigDbPath, workDir }) => {
  const db = openDatabase(bigDbPath, { readonly: true });
  const size = quick ? 'quick database' : '1M postings';
  const figures: Figure[] = [];
  try {
    const g = timed(() => growth(db, { ...SUBJECT, by: 'month', from: '2024', to: '2025', now: NOW }));
    if (g.result.buckets.length !== 24)
      throw new Error(`growth gave ${g.result.buckets.length} months, expected 24`);
    figures.push(timeFigure(`growth by month 2024–2025, ai-trainer Shanghai (${size})`, g.took, 1));

    const s = timed(() => skills(db, { ...SUBJECT, period: '2025', compare: '2024', now: NOW }));
    if (s.result.skills.length === 0) throw new Error('skills found no skill: is the big database filled?');
    figures.push(timeFigure(`skills 2025 vs 2024, ai-trainer Shanghai (${size})`, s.took, 1));
    // The same question over all cities joins every AI-trainer posting of two years to its skills.
    const all = timed(() => skills(db, { role: SUBJECT.role, period: '2025', compare: '2024', now: NOW }));
    figures.push(timeFigure(`skills 2025 vs 2024, ai-trainer, all cities (${size})`, all.took, 1));

    const c = timed(() =>
      checkClaim(db, { ...SUBJECT, period: '2025', baseline: '2024', change: '>30%' }, { now: NOW }),
    );
    if (c.result.current.count === 0)
      throw new Error('the claim counted no posting: is the big database filled?');
    figures.push(timeFigure(`claim ">30%" 2025 vs 2024, ai-trainer Shanghai (${size})`, c.took, 1));

    const outDir = join(workDir, 'reports');
    rmSync(outDir, { recursive: true, force: true });
    const r = timed(() => {
      const data = gatherReport(db, { ...SUBJECT, period: '2025', now: NOW });
      return writeReport(outDir, renderReport(data, { now: NOW }));
    });
    if (r.result.files.length === 0) throw new Error('the report drew no chart');
    figures.push(timeFigure(`full report 2025, ai-trainer Shanghai (${size})`, r.took, 10));
  } finally {
    db.close();
  }
  return figures;
};
