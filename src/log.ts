// Structured logging: one JSON line per event when output is not a terminal (servers, the daemon, CI),
// readable coloured lines on a terminal, with the control characters of logged text escaped there (JSON
// escapes them itself). Synchronous, so nothing is lost when the process exits. Every line speaks the
// database's dialect: its keys are snake_case, and none appears twice (a key a child logger is bound to is
// not repeated by a line that names it again; a child logger's own keys are written as given, in snake_case).
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { snakeCase, snakeCaseKeys } from './text/snake-case-keys.js';
import { escapeControl } from './text/terminal-text.js';

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
  const readable = options.pretty ?? isTTY;
  const hooks = {
    hooks: {
      logMethod(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn, methodLevel: number) {
        const entry =
          typeof args[0] === 'object' && args[0] !== null ? (args[0] as Record<string, unknown>) : {};
        if (isDetail && methodLevel < 50 && !this.isLevelEnabled('debug') && isDetail(entry)) return;
        const spoken = args[0] === entry ? [oneDialect(entry, this.bindings()), ...args.slice(1)] : args;
        // Logged text may come from postings and sites: on a terminal it must not command the terminal.
        const shown = readable ? spoken.map((a) => (typeof a === 'string' ? escapeControl(a) : a)) : spoken;
        method.apply(this, shown as Parameters<pino.LogFn>);
      },
    },
  };
  if (readable) {
    return pino(
      {
        level,
        base: undefined,
        ...hooks,
        formatters: { log: (object) => escapeValues(object) as Record<string, unknown> },
      },
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

/**
 * A line's fields in snake_case, without the keys the logger is already bound to (pino would write both:
 * `{"job":"daily",…,"job":"daily"}`). Errors are left for pino's serializer.
 */
function oneDialect(
  entry: Record<string, unknown>,
  bindings: Record<string, unknown>,
): Record<string, unknown> {
  if (entry instanceof Error) return entry;
  const bound = new Set(Object.keys(bindings).map(snakeCase));
  return Object.fromEntries(
    Object.entries(snakeCaseKeys(entry) as Record<string, unknown>).filter(([key]) => !bound.has(key)),
  );
}

function escapeValues(value: unknown): unknown {
  if (typeof value === 'string') return escapeControl(value);
  if (Array.isArray(value)) return value.map(escapeValues);
  if (value !== null && typeof value === 'object' && !(value instanceof Error))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeValues(v)]));
  return value;
}

/** A logger that drops everything (tests, --quiet). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
