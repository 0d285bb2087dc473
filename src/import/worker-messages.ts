// What the import worker (import-worker.ts) and the main thread (worker-batches.ts) say to each other.
import type { ImportBatch } from './import-batches.js';

/** Batches the worker may have posted and the main thread not yet taken. */
export const BATCHES_AHEAD = 2;

/**
 * Postings per message. A batch is posted in parts as it is read, so that the reading thread never holds a
 * whole batch: its postings then die young instead of being promoted to the old generation, whose collection
 * was a fifth of an import's processor time. 500 postings are read in about the time between two collections
 * of the young generation (~12 MB allocated), so few of them live through one.
 */
export const PART_ROWS = 500;

/** Worker → main: a batch, the end of the file, or why reading stopped. Main → worker: any message = "one more". */
export type WorkerMessage =
  | { batch: ImportBatch }
  | { done: true }
  | { error: { kind: 'usage' | 'user' | 'bug'; message: string } };
