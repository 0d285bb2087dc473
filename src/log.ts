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
  /**
   * A person's view of a busy process: the lines this returns true for are details, written only when the
   * level is debug (errors always are), and each readable line is the message alone, without its fields.
   */
  isDetail?: (entry: Record<string, unknown>) => boolean;
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
  const isDetail = options.isDetail;
  const hooks = isDetail && {
    hooks: {
      logMethod(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn, methodLevel: number) {
        const entry =
          typeof args[0] === 'object' && args[0] !== null ? (args[0] as Record<string, unknown>) : {};
        if (methodLevel < 50 && !this.isLevelEnabled('debug') && isDetail(entry)) return;
        method.apply(this, args);
      },
    },
  };
  if (options.pretty ?? isTTY) {
    return pino(
      { level, base: undefined, ...hooks },
      pretty({
        destination: stream as NodeJS.WritableStream,
        sync: true,
        ignore: 'pid,hostname',
        translateTime: 'SYS:HH:MM:ss',
        ...(isDetail && { hideObject: true }),
      }),
    );
  }
  return pino(
    { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, ...hooks },
    stream as pino.DestinationStream,
  );
}

/** A logger that drops everything (tests, --quiet). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
