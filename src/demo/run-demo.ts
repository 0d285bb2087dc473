// `jobtrend demo` as a plain module: serve the sample sites on 127.0.0.1, run the real scrapers through the
// real engine (greenhouse API, jsonld HTML pages, GBK 51job pages, BOSS through real Chromium) into the
// database, import a sample CSV dataset, and write a trend report marked as sample data. No internet.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserPool, createBrowserPool } from '../browser/browser-pool.js';
import { findChromium } from '../browser/find-chromium.js';
import { INSTALL_CHROMIUM } from '../check/chromium-check.js';
import { type Config, parseConfig } from '../config/load-config.js';
import { type RunSummary, scrapeSource } from '../engine/scrape-source.js';
import { UserError } from '../errors.js';
import { type ImportSummary, importFile } from '../import/import-file.js';
import { type Logger, silentLogger } from '../log.js';
import { gatherReport } from '../report/gather-report.js';
import { renderReport } from '../report/render-report.js';
import { type WrittenReport, writeReport } from '../report/write-report.js';
import type { Db } from '../store/database.js';
import { coverDemoRuns, DEMO_JOB_NAME } from '../store/demo-store.js';
import { generateSamplePostings, SAMPLE_BOARDS, SAMPLE_CITIES, type SamplePosting } from './sample-data.js';
import { renderSampleCsv } from './sample-dataset.js';
import { startSampleServer } from './sample-server.js';

/**
 * The sources the demo scrapes, in order, with what each shows. An `archive` publishes its whole dated history
 * at once, so its one run stands for a continuous log of it (coverage assumed); BOSS lists only what is open
 * now, undated, so its first run is its first look: what it lists is backlog, and it is watched a lifetime back.
 */
export const DEMO_SOURCES: { id: string; shows: string; archive: boolean }[] = [
  { id: 'greenhouse', shows: 'a JSON API (Greenhouse job-board shape)', archive: true },
  {
    id: 'jsonld',
    shows: 'HTML pages with schema.org JobPosting JSON-LD, found through a sitemap',
    archive: true,
  },
  { id: '51job', shows: 'GBK-encoded list pages (51job window.__SEARCH_RESULT__)', archive: true },
  {
    id: 'boss',
    shows: 'a JavaScript-rendered page read through real Chromium (BOSS-style joblist.json)',
    archive: false,
  },
];

export const SAMPLE_NOTICE =
  'These are SAMPLE DATA: invented postings at invented companies, served by jobtrend itself on 127.0.0.1. They say nothing about the real job market.';

export interface DemoOptions {
  db: Db;
  /** Folder the report is written into. */
  reportsDir: string;
  now: Date;
  /** Progress lines for the terminal. */
  say: (line: string) => void;
  signal?: AbortSignal;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Skip the report (tests of the scraping part). */
  report?: boolean;
}

export interface SkippedSource {
  id: string;
  shows: string;
  /** Why, and the one command that fixes it. */
  reason: string;
}

export interface DemoResult {
  runs: RunSummary[];
  /** Sources the demo could not run on this machine (the browser source without Chromium). */
  skipped: SkippedSource[];
  dataset: ImportSummary | null;
  reportPath: string | null;
  /** The report replaced one of the same name (the same day, subject and period). */
  reportReplaced: boolean;
  samplePostings: number;
}

/** The config the demo runs with: every sample source pointed at the sample server, politeness relaxed for localhost. */
export function demoConfig(origin: string): Config {
  return parseConfig(
    {
      fetch: {
        requestsPerMinute: 6000,
        perHostConcurrency: 4,
        maxRetries: 1,
        backoffBaseMs: 100,
        timeoutMs: 15_000,
        conditionalRequests: false,
      },
      browser: { maxPages: 2, timeoutMs: 20_000 },
      sources: {
        greenhouse: { baseUrl: origin, boards: SAMPLE_BOARDS },
        jsonld: { baseUrl: origin, sitemaps: ['/careers/sitemap.xml'] },
        '51job': {
          baseUrl: origin,
          mode: 'list',
          cities: SAMPLE_CITIES,
          query: '人工智能训练师',
          maxPages: 20,
        },
        boss: { baseUrl: origin, cities: SAMPLE_CITIES, query: 'AI训练师', maxPages: 1 },
      },
    },
    'of the demo',
  );
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { db, now, say } = options;
  const logger = options.logger ?? silentLogger();
  const postings = generateSamplePostings({ now });
  const server = await startSampleServer(postings);
  const config = demoConfig(server.origin);
  let browser: BrowserPool | undefined;
  const result: DemoResult = {
    runs: [],
    skipped: [],
    dataset: null,
    reportPath: null,
    reportReplaced: false,
    samplePostings: postings.length,
  };
  const scratch = mkdtempSync(join(tmpdir(), 'jobtrend-demo-'));
  try {
    say(
      `sample sites are up at ${server.origin} (${postings.length} invented postings dated ${range(postings)})`,
    );
    for (const source of DEMO_SOURCES) {
      if (options.signal?.aborted) break;
      if (source.id === 'boss') {
        const missing = chromiumMissing(config, options.env);
        if (missing) {
          result.skipped.push({ id: source.id, shows: source.shows, reason: missing });
          say(`  ${source.id.padEnd(10)} ${'skipped'.padEnd(8)} ${missing}`);
          continue;
        }
        browser = createBrowserPool(config.browser, { logger, env: options.env });
      }
      const started = Date.now();
      const run = await scrapeSource({
        db,
        sourceId: source.id,
        config,
        jobName: DEMO_JOB_NAME,
        signal: options.signal,
        logger,
        now: () => new Date(now.getTime() + (Date.now() - started)),
        ...(browser ? { browser } : {}),
      });
      result.runs.push(run);
      const c = run.counters;
      say(
        `  ${source.id.padEnd(10)} ${run.status.padEnd(8)} ${String(c.postings_seen).padStart(4)} postings (${c.postings_new} new) from ${c.pages_fetched} pages: ${source.shows}${run.errorSummary ? ` — ${run.errorSummary}` : ''}`,
      );
    }
    const archives = new Set(DEMO_SOURCES.filter((s) => s.archive).map((s) => s.id));
    coverDemoRuns(
      db,
      result.runs.filter((r) => archives.has(r.sourceId)).map((r) => r.runId),
    );
    if (!options.signal?.aborted) {
      const csv = join(scratch, 'sample-dataset.csv');
      writeFileSync(csv, renderSampleCsv(postings, now));
      result.dataset = await importFile(db, csv, {
        sourceName: 'sample-dataset',
        jobName: DEMO_JOB_NAME,
        timeZone: 'Asia/Shanghai',
        now: () => now,
        signal: options.signal,
      });
      const d = result.dataset;
      say(
        `  ${'import'.padEnd(10)} ${(d.skippedCount > 0 ? 'partial' : 'ok').padEnd(8)} ${String(d.rows).padStart(4)} rows (${d.inserted} new) from a sample CSV dataset with Chinese column names and weekly collection dates (jobtrend import)`,
      );
    }
    if (options.report !== false && !options.signal?.aborted) {
      const written = writeDemoReport(db, options.reportsDir, now, result.skipped);
      result.reportPath = written.path;
      result.reportReplaced = written.replaced;
      if (written.replaced) say(`replaced the earlier report of the same name: ${written.path}`);
    }
  } finally {
    await browser?.close().catch(() => {});
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  return result;
}

function range(postings: SamplePosting[]): string {
  const dates = postings.map((p) => p.postedAt.toISOString().slice(0, 10)).sort();
  return `${dates[0]} to ${dates[dates.length - 1]}`;
}

/**
 * Why the browser source cannot run here, with the command that fixes it; null when Chromium is found. A
 * machine without Chromium still runs the rest of the demo.
 */
function chromiumMissing(config: Config, env: NodeJS.ProcessEnv | undefined): string | null {
  try {
    findChromium({ env, configured: config.browser.executablePath });
    return null;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return `no Chromium on this machine, so the JavaScript-rendered sample was not read: install it with \`${INSTALL_CHROMIUM}\` and run the demo again`;
  }
}

/**
 * The report over everything stored. Its data are the demo's, so it carries the "Sample data" banner (as any
 * report over them does), and names the sources the demo skipped here with the command that fixes it.
 */
function writeDemoReport(db: Db, outDir: string, now: Date, skipped: SkippedSource[]): WrittenReport {
  const skippedSamples = skipped.map((s) => ({
    sourceId: s.id,
    reason: 'no-chromium' as const,
    fix: INSTALL_CHROMIUM,
  }));
  return writeReport(outDir, renderReport(gatherReport(db, { now, skippedSamples }), { now }));
}
