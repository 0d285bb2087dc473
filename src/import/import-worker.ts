// Worker-thread entry of an import: reads the dataset named in workerData with readImportBatches and posts
// each batch to the main thread, which stores it, in parts of PART_ROWS postings (see worker-messages.ts). It
// runs at most BATCHES_AHEAD whole batches ahead of what the main thread has taken, so memory stays flat
// however large the file; the main thread grants one more per batch it takes.
import { parentPort, workerData } from 'node:worker_threads';
import { UsageError, UserError } from '../errors.js';
import { type ReadOptions, readImportBatches } from './import-batches.js';
import { BATCHES_AHEAD, PART_ROWS, type WorkerMessage } from './worker-messages.js';

const { path, options } = workerData as { path: string; options: ReadOptions };
const port = parentPort!;
let credit = BATCHES_AHEAD;
let granted: (() => void) | null = null;
const grant = () => {
  credit++;
  granted?.();
  granted = null;
};
port.on('message', grant);

const send = (message: WorkerMessage) => port.postMessage(message);
try {
  for await (const batch of readImportBatches(path, { ...options, partRows: PART_ROWS })) {
    // A batch's parts go out as they are read; its last part waits for a credit and spends it.
    if (!batch.more) {
      while (credit === 0) await new Promise<void>((resolve) => (granted = resolve));
      credit--;
    }
    send({ batch });
  }
  send({ done: true });
} catch (error) {
  const kind = error instanceof UsageError ? 'usage' : error instanceof UserError ? 'user' : 'bug';
  send({ error: { kind, message: error instanceof Error ? error.message : String(error) } });
}
// Nothing left to wait for: the worker ends once its messages are on their way.
port.off('message', grant);
