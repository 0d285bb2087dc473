// Structured logging: one JSON line per event when output is not a terminal (servers, the daemon, CI),
// readable coloured lines on a terminal. Synchronous, so nothing is lost when the process exits.
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  /** Where lines go: a file descriptor (1 stdout, 2 stderr) or a stream with write(). */
  destination?: number | { write(chunk: string): void };
  /** Human-readable lines instead of JSON (default: when the destination is a terminal). */
  pretty?: boolean;
  level?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? 2;
  const level = options.level ?? process.env.JOBTREND_LOG_LEVEL ?? 'info';
  const isTTY =
    typeof destination === 'number'
      ? Boolean((destination === 1 ? process.stdout : process.stderr).isTTY)
      : false;
  const stream =
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination;
  if (options.pretty ?? isTTY) {
    return pino(
      { level, base: undefined },
      pretty({
        destination: stream as NodeJS.WritableStream,
        sync: true,
        ignore: 'pid,hostname',
        translateTime: 'SYS:HH:MM:ss',
      }),
    );
  }
  return pino(
    { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    stream as pino.DestinationStream,
  );
}

/** A logger that drops everything (tests, --quiet). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
