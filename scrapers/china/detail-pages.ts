// Job pages of the Chinese boards, shared: the request that reads a listed posting's job page (carrying the
// posting, so the engine keeps it as listed when the page is not read), the check that the page is not a
// verification page, and the common way to complete a posting from it (its description).
import type { RawPosting } from '../../src/domain/posting.js';
import { BlockedError } from '../../src/fetch/errors.js';
import type { PageRequest } from '../types.js';
import { detectChineseBlock } from './block-detection.js';
import { reroot } from './search-targets.js';

/** The request for a listed posting's job page. */
export function jobPageRequest(
  posting: RawPosting,
  page: Pick<PageRequest, 'url' | 'browse'>,
  site: string,
): PageRequest {
  return {
    ...page,
    handler: 'detail',
    kind: 'detail',
    posting,
    target: `${site} job page ${posting.sourcePostingId}`,
  };
}

/** The job page's HTML; a verification page or login wall instead is a BlockedError. */
export function readJobPage(html: string, site: string, url: string): string {
  const blocked = detectChineseBlock(html);
  if (blocked) throw new BlockedError(`blocked: ${site} ${blocked}`, url);
  return html;
}

/** A posting's own job page at its URL, moved onto the configured base URL (tests and mirrors). */
export function ownJobPage(
  posting: RawPosting,
  baseUrl: string,
  defaultBaseUrl: string,
): Pick<PageRequest, 'url'> | undefined {
  return posting.url ? { url: reroot(posting.url, baseUrl, defaultBaseUrl) } : undefined;
}

/** Completes a posting with the description a job-page parser finds. */
export const copyDescription =
  (parse: (html: string, hint: { url: string }) => { description?: string } | undefined) =>
  (posting: RawPosting, html: string, url: string): RawPosting => {
    const detail = parse(html, { url });
    return detail?.description ? { ...posting, description: detail.description } : posting;
  };
