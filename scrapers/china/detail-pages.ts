// Job pages of the Chinese boards, shared: the request that reads a listed posting's job page (carrying the
// posting, so the engine keeps it as listed when the page is not read), and reading that page: a job page is
// read first, and only a page that holds no job is looked at as a possible verification page or login wall.
import type { RawPosting } from '../../src/domain/posting.js';
import { BlockedError } from '../../src/fetch/errors.js';
import type { PageRequest } from '../types.js';
import { detectChineseBlock } from './block-detection.js';

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

/**
 * The posting completed from its job page; the posting as listed when the page holds no job; a BlockedError
 * when a page holding no job is a verification page or a login wall.
 */
export function readJobPage(
  posting: RawPosting,
  html: string,
  url: string,
  site: string,
  complete: (posting: RawPosting, html: string, url: string) => RawPosting | undefined,
): RawPosting {
  const completed = complete(posting, html, url);
  if (completed) return completed;
  const blocked = detectChineseBlock(html);
  if (blocked) throw new BlockedError(`blocked: ${site} ${blocked}`, url);
  return posting;
}

/** Completes a posting with the description a job-page parser finds; undefined when the page holds no job. */
export const copyDescription =
  (parse: (html: string, hint: { url: string }) => { description?: string } | undefined) =>
  (posting: RawPosting, html: string, url: string): RawPosting | undefined => {
    const detail = parse(html, { url });
    if (!detail) return undefined;
    return detail.description ? { ...posting, description: detail.description } : posting;
  };
