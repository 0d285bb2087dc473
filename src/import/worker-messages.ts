// What the import worker (import-worker.ts) and the main thread (worker-batches.ts) say to each other.
import type { ImportBatch } from './import-batches.js';

/** Batches the worker may have posted and the main thread not yet taken. */
export const BATCHES_AHEAD = 2;

/** Worker → main: a batch, the end of the file, or why reading stopped. Main → worker: any message = "one more". */
export type WorkerMessage =
  | { batch: ImportBatch }
  | { done: true }
  | { error: { kind: 'usage' | 'user' | 'bug'; message: string } };
