// The command's view of stdout and stderr, and the one place a closed pipe is handled. A reader that stops
// early (`jobtrend export | head -1`) closes the pipe; Node then fails the write with EPIPE and, with no
// listener, dies with a stack trace. Here the stream's error is caught once, long work is told to stop,
// and the next write to stdout throws OutputClosed, which the CLI turns into a quiet exit 0 — what a Unix
// tool does on a closed pipe. Writes to a closed stderr are dropped: there is no one left to tell.
import type { Output } from '../output.js';

/** Thrown by a write to a stdout whose reader has gone; the CLI ends quietly with status 0. */
export class OutputClosed extends Error {
  override name = 'OutputClosed';
  constructor() {
    super('the output was closed by its reader');
  }
}

export interface StreamOutputOptions {
  /** stdout throws OutputClosed on the next write; stderr drops what it is given. */
  whenClosed: 'throw' | 'drop';
  /** Called once, when the stream's reader goes away (the CLI aborts long work). */
  onClosed?: () => void;
}

type Stream = NodeJS.WritableStream & { isTTY?: boolean; destroyed?: boolean };

export function streamOutput(stream: Stream, options: StreamOutputOptions): Output {
  let failure: NodeJS.ErrnoException | null = null;
  const closed = (error: NodeJS.ErrnoException) => {
    if (failure) return;
    failure = error;
    options.onClosed?.();
  };
  // Node reports a failed write on the stream (after the write returns): without this listener the
  // process would end on an unhandled 'error' event.
  stream.on('error', closed);
  return {
    write(text) {
      if (!failure && stream.destroyed) closed(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      if (failure) {
        if (options.whenClosed === 'drop') return;
        if (isClosedPipe(failure)) throw new OutputClosed();
        throw failure;
      }
      stream.write(text);
    },
    isTTY: Boolean(stream.isTTY),
  };
}

function isClosedPipe(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';
}
