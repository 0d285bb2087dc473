// The logger of `jobtrend schedule` and `jobtrend run`: one JSON line per event on the command's output
// when it is not a terminal (systemd's journal, docker logs, a file), readable lines when a person watches.
import type { Output } from '../cli/context.js';
import { createLogger, type Logger } from '../log.js';

export function outputLogger(output: Output, fd: 1 | 2, level?: string): Logger {
  // On a terminal, pino-pretty writes to the file descriptor itself; elsewhere every line goes through the
  // command's output, so in-process callers (tests) capture exactly what a server's log would hold.
  if (output.isTTY) return createLogger({ destination: fd, pretty: true, ...(level && { level }) });
  return createLogger({
    destination: { write: (chunk) => output.write(chunk) },
    pretty: false,
    ...(level && { level }),
  });
}
