// The progress display: a bar per source on a terminal, silence otherwise (the log lines speak instead).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressDisplay } from '../../src/engine/progress.js';

const counters = {
  pages_fetched: 2,
  requests: 3,
  retries: 1,
  postings_seen: 40,
  postings_new: 38,
  postings_updated: 2,
  error_count: 1,
};

function terminal(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  Object.assign(stream, {
    isTTY: true,
    columns: 120,
    rows: 40,
    cursorTo: () => true,
    moveCursor: () => true,
    clearLine: () => true,
    clearScreenDown: () => true,
  });
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('progress display', () => {
  it('on a terminal, each source gets a bar with its pages and postings', async () => {
    const { stream, text } = terminal();
    const display = createProgressDisplay({ write: () => {}, isTTY: true }, stream);
    display.onProgress({ sourceId: 'zhaopin', runId: 1, pageUrl: 'https://x.test/1', counters, maxPages: 5 });
    display.stop();
    await new Promise((r) => setImmediate(r));
    expect(text()).toMatch(/zhaopin +\[[^\]]+\] 2\/5 pages \| 40 seen, 38 new, 2 updated \| 1 retries/);
  });

  it('without a page limit, the counts alone', async () => {
    const { stream, text } = terminal();
    const display = createProgressDisplay({ write: () => {}, isTTY: true }, stream);
    display.onProgress({ sourceId: 'lever', runId: 1, pageUrl: 'https://x.test/1', counters });
    display.stop();
    await new Promise((r) => setImmediate(r));
    expect(text()).toMatch(/lever +2 pages \| 40 seen/);
  });

  it('elsewhere it writes nothing', () => {
    const { stream, text } = terminal();
    const display = createProgressDisplay({ write: () => {}, isTTY: false }, stream);
    display.onProgress({ sourceId: 'zhaopin', runId: 1, pageUrl: 'https://x.test/1', counters });
    display.stop();
    expect(text()).toBe('');
  });
});
