// Every source jobtrend knows. A new source is one file in scrapers/ and one line in this list.
import { UsageError } from '../src/errors.js';
import { didYouMean } from '../src/text/did-you-mean.js';
import { ashbyScraper } from './ashby.js';
import { bossScraper } from './boss.js';
import { greenhouseScraper } from './greenhouse.js';
import { hnScraper } from './hn.js';
import { job51Scraper } from './job51.js';
import { jsonldScraper } from './jsonld.js';
import { leverScraper } from './lever.js';
import { liepinScraper } from './liepin.js';
import { linkedinScraper } from './linkedin.js';
import { remoteokScraper } from './remoteok.js';
import { siteScraper } from './site.js';
import type { Scraper } from './types.js';
import { zhaopinScraper } from './zhaopin.js';

// biome-ignore lint/suspicious/noExplicitAny: each scraper has its own options type
export const scrapers: Scraper<any>[] = [
  jsonldScraper,
  siteScraper,
  greenhouseScraper,
  leverScraper,
  ashbyScraper,
  hnScraper,
  remoteokScraper,
  zhaopinScraper,
  bossScraper,
  job51Scraper,
  liepinScraper,
  linkedinScraper,
];

export function findScraper(id: string): Scraper<unknown> | undefined {
  return scrapers.find((s) => s.id === id);
}

/** The scraper with this id, or a UsageError listing the known ids. */
export function getScraper(id: string): Scraper<unknown> {
  const scraper = findScraper(id);
  if (!scraper) {
    throw new UsageError(
      `unknown source "${id}"${didYouMean(
        id,
        scrapers.map((s) => s.id),
      )}: choose one of ${scrapers.map((s) => s.id).join(', ')} (see jobtrend sources)`,
    );
  }
  return scraper;
}
