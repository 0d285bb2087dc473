// The benchmark phases, in the order they run. `build-db` comes first: later phases read its database.
import { buildDb } from './build-db.js';
import { ingest } from './ingest.js';
import type { Phase } from './types.js';

export const phases: Record<string, Phase> = {
  'build-db': buildDb,
  ingest,
};
