// A child process for the store-thread test: the compiled engine crawls the test site into the database at
// argv[2] from the server at argv[3], its pages stored by the store thread, and prints what it did as JSON. The
// crawl runs on a clock of its own (as the demo's --now), which the store thread must keep.

import { scrapeSource } from '../../src/engine/scrape-source.js';
import { canStoreInThread } from '../../src/engine/store-thread.js';
import { openDatabase } from '../../src/store/database.js';
import { killTestConfig } from './kill-test-config.js';

const [dbPath, baseUrl] = process.argv.slice(2);
if (!dbPath || !baseUrl) throw new Error('usage: store-thread-child DB BASE_URL');
const db = openDatabase(dbPath);
const pages: number[] = [];
const summary = await scrapeSource({
  db,
  sourceId: 'site',
  config: killTestConfig(baseUrl),
  now: () => new Date('2026-06-30T12:00:00Z'),
  onProgress: (p) => pages.push(p.counters.pages_fetched),
});
db.close();
process.stdout.write(
  `${JSON.stringify({ threaded: canStoreInThread(), summary, progress: pages.length })}\n`,
);
