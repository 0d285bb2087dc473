// The child process of `jobtrend query` (see run-query.ts): receives one statement, runs it on a read-only
// connection in its main thread, and sends the rows back in chunks. Its parent kills it to stop the
// statement. Should the parent die without doing so (kill -9), a watchdog thread ends this process, since
// the main thread may be busy inside SQLite for good.
import { Worker } from 'node:worker_threads';
import { type QueryChildMessage, type QueryJob, ROWS_PER_MESSAGE, readRows } from './run-query.js';

const WATCHDOG = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  let alive = true;
  try { process.kill(workerData.parent, 0); } catch (error) { alive = error.code === 'EPERM'; }
  if (!alive || process.ppid !== workerData.parent) process.kill(process.pid, 'SIGKILL');
}, 500);
`;
// The parent's pid as it passed it (process.ppid is already another process's if the parent died while this
// one was starting).
const parent = Number(process.argv[2] ?? process.ppid);
if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL');
new Worker(WATCHDOG, { eval: true, workerData: { parent } }).unref();

const send = (message: QueryChildMessage): Promise<void> =>
  new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));

process.once('message', async (job: QueryJob) => {
  try {
    const rows = readRows(job);
    for (let start = 0; start < rows.length; start += ROWS_PER_MESSAGE)
      void send({ rows: rows.slice(start, start + ROWS_PER_MESSAGE) });
    await send({ done: true });
  } catch (error) {
    await send({ error: error instanceof Error ? error.message : String(error) });
  }
  process.disconnect();
});
