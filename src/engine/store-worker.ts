// The store thread's entry: opens the crawl's database on a connection of its own and stores the outcomes the
// crawl sends (run-recorder.ts: the pipeline, the postings, the queue's records, the runs' counters) in group
// commits, reporting progress after each; at the end it closes the runs and sends their summaries.
import { parentPort, workerData } from 'node:worker_threads';
import { normalisePosting } from '../pipeline/index.js';
import { touchCrawl } from '../store/crawl-store.js';
import { openDatabase } from '../store/database.js';
import { WriteTurns } from '../store/write-turns.js';
import { RunRecorder, type ScrapeProgress } from './run-recorder.js';
import { saveHandled } from './sqlite-request-queue.js';
import {
  type FromStore,
  fromWire,
  outcomeFromWire,
  type StoreThreadData,
  type ToStore,
  toWire,
} from './store-messages.js';

const STORE_THREAD_TURN_MS = 200;

const data = workerData as StoreThreadData;
const port = parentPort!;
const send = (message: FromStore) => port.postMessage(message);
// The crawl's clock (a demo's or a test's), kept as its distance from the system clock.
const now = () => new Date(Date.now() + (data.clockOffsetMs ?? 0));

const db = openDatabase(data.dbPath, { migrate: false });
let progress: ScrapeProgress[] = [];
const recorder = new RunRecorder({
  db,
  save: (handled) => saveHandled(db, data.crawlId, handled, now().toISOString()),
  runs: data.runs,
  normalise: normalisePosting,
  now,
  onProgress: (event) => progress.push(event),
  onCommit: () => touchCrawl(db, data.crawlId, process.pid, now().toISOString()),
  // This thread only writes: it lets other writers of the file in between its commits, and often, since
  // resting costs the crawl nothing (it goes on fetching; the next commit takes more pages at once).
  turns: new WriteTurns(Date.now, STORE_THREAD_TURN_MS),
  ...(data.commitEveryMs !== undefined ? { commitEveryMs: data.commitEveryMs } : {}),
  ...(data.commitEveryPages !== undefined ? { commitEveryPages: data.commitEveryPages } : {}),
});

let failed = false;
let timer: NodeJS.Timeout | undefined;

/** Runs `work`; a failure of the store is reported once, and nothing more is stored. */
function guarded(work: () => void): void {
  if (failed) return;
  try {
    work();
  } catch (error) {
    failed = true;
    send({ type: 'failed', error: toWire(error) });
  }
  if (progress.length > 0) {
    send({ type: 'progress', events: progress });
    progress = [];
  }
}

/** Commits when the recorder says a commit is due, and asks again when the next one will be. */
function pump(): void {
  timer = undefined;
  guarded(() => {
    const due = recorder.tick();
    if (due !== undefined) timer = setTimeout(pump, Math.max(0, due - Date.now()));
  });
}

port.on('message', (message: ToStore) => {
  if (message.type === 'outcomes') {
    guarded(() => {
      for (const [scrape, counts] of message.overhead.entries()) recorder.setOverhead(scrape, counts);
      for (const [scrape, count] of message.queued) recorder.queued(scrape, count);
      for (const outcome of message.outcomes) recorder.add(outcomeFromWire(outcome));
    });
    if (!timer) pump();
  } else if (message.type === 'start-failed') {
    recorder.startFailed(message.scrape, fromWire(message.error), message.counted);
  } else {
    if (timer) clearTimeout(timer);
    for (const [scrape, counts] of message.overhead.entries()) recorder.setOverhead(scrape, counts);
    let critical: unknown = message.critical ? fromWire(message.critical) : undefined;
    if (critical === undefined && !failed) {
      try {
        recorder.commit(true);
      } catch (error) {
        critical = error;
      }
    }
    if (progress.length > 0) send({ type: 'progress', events: progress });
    try {
      const summaries = recorder.finish(critical, message.aborted);
      send({
        type: 'finished',
        summaries,
        ...(critical !== undefined ? { critical: toWire(critical) } : {}),
      });
    } catch (error) {
      send({ type: 'failed', error: toWire(error) });
    }
    db.close();
    port.close();
  }
});
