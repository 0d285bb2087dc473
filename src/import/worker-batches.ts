// readImportBatches in a worker thread: the file is read and normalised on a second core while the main
// thread stores the batch before, which is most of an import's time. Falls back to reading in this thread
// when the worker's compiled script is absent (running from the TypeScript sources, as the tests do).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UsageError, UserError } from '../errors.js';
import { type ImportBatch, type ReadOptions, readImportBatches } from './import-batches.js';
import type { WorkerMessage } from './worker-messages.js';

const WORKER_SCRIPT = fileURLToPath(new URL('./import-worker.js', import.meta.url));

/**
 * Old-generation heap of the reading thread, in MB. Without a limit V8 grows a heap lazily while the machine
 * has memory to spare: a 720 MB file of long descriptions took 719 MB to read, against 434 MB under a 256 MB
 * limit. The thread holds at most three batches (one being stored, two read ahead) of at most 8 million
 * characters each, plus one row of at most 16 million, so 512 MB leaves room for the largest rows.
 */
export const READER_HEAP_MB = 512;

/** Whether batches can be read in a worker here (the compiled worker script is present). */
export function canReadInWorker(): boolean {
  return existsSync(WORKER_SCRIPT);
}

/** The batches of readImportBatches, read in a worker thread (in parts) when possible, else whole. */
export function readBatches(path: string, options: ReadOptions): AsyncGenerator<ImportBatch> {
  return canReadInWorker() ? readBatchesInWorker(path, options) : readImportBatches(path, options);
}

/**
 * The batches of readImportBatches, read in a worker thread, each in parts as the worker posts them (every part
 * but a batch's last is marked `more`), so that the caller can store a part and let it go while the rest is
 * read. The worker stops when the caller does.
 */
export async function* readBatchesInWorker(
  path: string,
  options: ReadOptions,
  heapMb = READER_HEAP_MB,
): AsyncGenerator<ImportBatch> {
  const worker = new Worker(WORKER_SCRIPT, {
    workerData: { path, options },
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  // Set when the thread fails or ends; read only once the queue is empty, so its last messages count.
  let failure: Error | null = null;
  const arrive = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    arrive();
  });
  worker.on('error', (error) => {
    failure =
      (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new UserError(
            `reading ${path} ran out of memory (${heapMb} MB): some of its rows hold tens of millions of characters; shorten or remove them and import again`,
          )
        : error;
    arrive();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the import's reading thread stopped early (exit code ${code})`);
    arrive();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (!message) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if ('batch' in message) {
        // A batch's last part takes it off the worker's account: it may read one more ahead.
        if (!message.batch.more) worker.postMessage('more');
        yield message.batch;
      } else if ('done' in message) {
        return;
      } else {
        const { kind, message: text } = message.error;
        throw kind === 'usage'
          ? new UsageError(text)
          : kind === 'user'
            ? new UserError(text)
            : new Error(text);
      }
    }
  } finally {
    await worker.terminate();
  }
}
