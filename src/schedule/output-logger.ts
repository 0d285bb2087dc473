// The logger of `jobtrend schedule` and `jobtrend run`: one JSON line per event on the command's output
// when it is not a terminal (systemd's journal, docker logs, a file). When a person watches, one readable
// line per job run with its outcome (and the schedule's start, stop and warnings); the job's start, each
// source's end and the engine's page and request lines are details, shown at debug level
// (JOBTREND_LOG_LEVEL=debug).

import { createLogger, type Logger } from '../log.js';
import type { Output } from '../output.js';

export function outputLogger(output: Output, fd: 1 | 2, level?: string): Logger {
  // On a terminal, pino-pretty writes to the file descriptor itself; elsewhere every line goes through the
  // command's output, so in-process callers (tests) capture exactly what a server's log would hold.
  if (output.isTTY) {
    return createLogger({ destination: fd, pretty: true, isDetail: isJobDetail, ...(level && { level }) });
  }
  return createLogger({
    destination: { write: (chunk) => output.write(chunk) },
    pretty: false,
    ...(level && { level }),
  });
}

/** Events a person watching a terminal does not need line by line: the job's end sums them up. */
const DETAIL_EVENTS = new Set(['job.start', 'source.end', 'report.written', 'job.elsewhere', 'cron.info']);

/** Engine and fetch-layer lines carry no event; the scheduler's own lines do. */
export function isJobDetail(entry: Record<string, unknown>): boolean {
  return typeof entry.event !== 'string' || DETAIL_EVENTS.has(entry.event);
}
