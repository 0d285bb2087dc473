// One bad board must not cost the others, and one reason shared by many boards is said once.
import { describe, expect, it } from 'vitest';
import { scrapeEachTarget } from '../../scrapers/shared/each-target.js';
import type { ScrapedPage } from '../../scrapers/types.js';
import { NotRetryableError } from '../../src/fetch/errors.js';

async function run(outcomes: Record<string, string | null>) {
  const pages: ScrapedPage[] = [];
  try {
    for await (const page of scrapeEachTarget(
      Object.keys(outcomes),
      (name) => `board "${name}"`,
      new AbortController().signal,
      async function* (name) {
        const failure = outcomes[name];
        if (failure) throw new NotRetryableError(failure, `https://x.test/${name}`);
        yield { url: `https://x.test/${name}`, postings: [] };
      },
    ))
      pages.push(page);
    return { pages, error: undefined };
  } catch (error) {
    return { pages, error: error as Error };
  }
}

describe('scrapeEachTarget', () => {
  it('scrapes the good targets and names every failure at the end', async () => {
    const { pages, error } = await run({ a: null, b: 'HTTP 404', c: null });
    expect(pages.map((p) => p.url)).toEqual(['https://x.test/a', 'https://x.test/c']);
    expect(error).toBeInstanceOf(NotRetryableError);
    expect(error?.message).toBe('1 of 3 failed: board "b": HTTP 404');
  });

  it('targets failing for the same reason are listed together, the reason said once', async () => {
    const unreachable = 'cannot reach x.test (ENOTFOUND): check the network connection';
    const { error } = await run({ a: unreachable, b: unreachable, c: 'HTTP 404' });
    expect(error?.message).toBe(`3 of 3 failed: board "a", board "b": ${unreachable}; board "c": HTTP 404`);
  });
});
