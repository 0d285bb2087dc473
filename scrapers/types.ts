// The contract between the engine and a scraper, as scrapers import it. It lives with the engine
// (src/engine/scraper-contract.ts), which owns it; see there for what each part means.
export type {
  DetailPages,
  HandlerContext,
  HandlerResult,
  PageHandler,
  PageRequest,
  PageResponse,
  ParseHint,
  RealShape,
  ScrapedPage,
  ScrapeRequest,
  Scraper,
  StartContext,
} from '../src/engine/scraper-contract.js';
export type { BrowserResponse } from '../src/fetch/fetch-types.js';
