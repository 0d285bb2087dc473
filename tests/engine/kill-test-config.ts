// The crawl the SIGKILL test kills and resumes: the `site` scraper over a listing of 20 pages of 20 postings,
// each posting's job page read for its description. Shared by the test and its child process.
import { type Config, parseConfig } from '../../src/config/load-config.js';

export const KILL_TEST_PAGES = 20;
export const KILL_TEST_PER_PAGE = 20;

export function killTestConfig(baseUrl: string): Config {
  return parseConfig({
    fetch: { requestsPerMinute: 60_000, perHostConcurrency: 4, backoffBaseMs: 10, timeoutMs: 5_000 },
    sources: {
      site: {
        baseUrl,
        sites: [
          {
            name: 'killtest',
            listUrl: '/list?page=1',
            item: 'li.job',
            fields: { title: 'a.title', url: { selector: 'a.title', attr: 'href' }, id: { attr: 'data-id' } },
            nextPage: { selector: 'a.next' },
            maxPages: 100,
            detail: { fields: { description: '.desc' } },
          },
        ],
      },
    },
  });
}
