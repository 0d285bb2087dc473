// The progress display: a line per source on a terminal from the moment its run starts, then a bar with its
// ETA when the pages ahead are known, the counts with a rate when not — cleared at the end; silence otherwise
// (the log lines speak).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressDisplay } from '../../src/engine/progress.js';
import type { ScrapeProgress } from '../../src/engine/scrape-source.js';

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

/** A stored page of a source's run 1, with what else is given (the pages planned). */
const page = (sourceId: string, more: Partial<ScrapeProgress> = {}): ScrapeProgress => ({
  sourceId,
  runId: 1,
  pageUrl: 'https://x.test/1',
  counters,
  ...more,
});

/** cli-progress redraws on its own timer (10 times a second). */
const drawn = () => new Promise((r) => setTimeout(r, 250));

describe('progress display', () => {
  it('shows a source at once, before its first page', async () => {
    const { stream, text } = terminal();
    const display = createProgressDisplay({ write: () => {}, isTTY: true }, stream, () => 0);
    display.onStart({ sourceId: 'greenhouse', runId: 1 });
    await drawn();
    expect(text()).toMatch(/greenhouse +starting…/);
    display.stop();
  });

  it('with the pages ahead known, a bar with the pages done of the total and the ETA at that pace', async () => {
    const { stream, text } = terminal();
    let clock = 0;
    const display = createProgressDisplay({ write: () => {}, isTTY: true }, stream, () => clock);
    display.onStart({ sourceId: 'jsonld', runId: 1 });
    clock = 60_000;
    display.onProgress(page('jsonld', { planned: { done: 2, total: 5 } }));
    await drawn();
    display.stop();
    await new Promise((r) => setImmediate(r));
    // 2 pages a minute, 3 to go: 1m30s.
    expect(text()).toMatch(
      /jsonld +\[█{10}░{14}\] 40% 2\/5 pages \| 40 seen, 38 new, 2 updated \| ETA 1m30s \| 1 retries/,
    );
  });

  it('the total grows as pages are found', async () => {
    const { stream, text } = terminal();
    let clock = 0;
    const display = createProgressDisplay({ write: () => {}, isTTY: true }, stream, () => clock);
    display.onProgress(page('greenhouse', { planned: { done: 1, total: 3 } }));
    clock = 10_000;
    display.onProgress(page('greenhouse', { planned: { done: 2, total: 40 } }));
    await drawn();
    display.stop();
    await new Promise((r) => setImmediate(r));
    expect(text()).toMatch(/greenhouse +\[\S+\] 5% 2\/40 pages .* ETA 3m10s/);
  });

  it('without a known total, the counts and how many pages a minute', async () => {
    const { stream, text } = terminal();
    let clock = 0;
    const display = createProgressDisplay({ write: () => {}, isTTY: true }, stream, () => clock);
    display.onProgress(page('lever'));
    clock = 30_000;
    display.onProgress(page('lever', { counters: { ...counters, pages_fetched: 6 } }));
    await drawn();
    display.stop();
    await new Promise((r) => setImmediate(r));
    // 6 pages in half a minute.
    expect(text()).toMatch(/lever +6 pages \(12\/min\) \| 40 seen, 38 new, 2 updated \| 1 retries/);
    expect(text()).not.toContain('ETA');
  });

  it('two runs of one source (a job with two searches) each have their own line', async () => {
    const { stream, text } = terminal();
    const display = createProgressDisplay({ write: () => {}, isTTY: true }, stream, () => 0);
    display.onStart({ sourceId: 'zhaopin', runId: 1 });
    display.onProgress(page('zhaopin', { runId: 2 }));
    await drawn();
    display.stop();
    await new Promise((r) => setImmediate(r));
    expect(text()).toMatch(/zhaopin +starting…/);
    expect(text()).toMatch(/zhaopin +2 pages/);
  });

  it('is cleared at the end, so the table of runs starts on a clean screen', async () => {
    const { stream, text } = terminal();
    const display = createProgressDisplay({ write: () => {}, isTTY: true }, stream);
    display.onProgress(page('lever'));
    await drawn();
    display.stop();
    await new Promise((r) => setImmediate(r));
    // After the last drawing of the line: the screen below the cursor is cleared (ESC [ 0 J).
    expect(text().slice(text().lastIndexOf('lever'))).toContain('\x1b[0J');
  });

  it('elsewhere it writes nothing, not even a known total: the log lines speak', async () => {
    const { stream, text } = terminal();
    const display = createProgressDisplay({ write: () => {}, isTTY: false }, stream);
    display.onStart({ sourceId: 'zhaopin', runId: 1 });
    display.onProgress(page('zhaopin', { planned: { done: 2, total: 5 } }));
    await drawn();
    display.stop();
    expect(text()).toBe('');
  });
});
