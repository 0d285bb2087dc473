// The benchmark phases, in the order they run. `build-db` comes first: later phases read its database.
import { analysis } from './analysis.js';
import { buildDb } from './build-db.js';
import { crawl } from './crawl.js';
import { importPhase } from './import.js';
import { ingest } from './ingest.js';
import { matching } from './matching.js';
import { scrape } from './scrape.js';
import { startup } from './startup.js';
import type { Phase } from './types.js';

export const phases: Record<string, Phase> = {
  'build-db': buildDb,
  ingest,
  matching,
  analysis,
  scrape,
  crawl,
  import: importPhase,
  startup,
};
