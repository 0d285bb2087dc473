// A child process for the SIGKILL test: crawls the test site (list pages and their job pages, with the real
// `site` scraper) into the database at argv[2] from the server at argv[3], slowly, until the parent kills it.
// Compiled once per run with the CLI (tests/support/compiled-cli.ts) and run with node.

import { scrapeSource } from '../../src/engine/scrape-source.js';
import { openDatabase } from '../../src/store/database.js';
import { killTestConfig } from './kill-test-config.js';

const [dbPath, baseUrl] = process.argv.slice(2);
if (!dbPath || !baseUrl) throw new Error('usage: kill-child DB BASE_URL');
const db = openDatabase(dbPath);
await scrapeSource({ db, sourceId: 'site', config: killTestConfig(baseUrl) });
db.close();
