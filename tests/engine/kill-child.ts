// A child process for the SIGKILL test: scrapes the fixture site into the database at argv[2] from the
// server at argv[3], slowly, until the parent kills it. Compiled by the test with tsc and run with node.

import { parseConfig } from '../../src/config/load-config.js';
import { scrapeSource } from '../../src/engine/scrape-source.js';
import { openDatabase } from '../../src/store/database.js';
import { fixtureScraper } from './fixture-scraper.js';

const [dbPath, baseUrl] = process.argv.slice(2);
if (!dbPath || !baseUrl) throw new Error('usage: kill-child DB BASE_URL');
const db = openDatabase(dbPath);
const config = parseConfig({ fetch: { requestsPerMinute: 60_000, backoffBaseMs: 10, timeoutMs: 5_000 } });
await scrapeSource({ db, sourceId: 'fixture', scraper: fixtureScraper, baseUrl, config });
db.close();
