// How the Chinese boards (and LinkedIn) tell a block page from a page that changed. Every board's parser
// first looks for its own results structure (embedded state, API list, job cards, job details): when it is
// there, the page is content, whatever widget code it also ships. Only a body without that structure is
// judged, by what a person would see of it (src/fetch/detect-block.ts): a verification page or login wall
// is a BlockedError naming what was shown; anything else is a NotRetryableError saying what was missing.
import { blockSignOf } from '../../src/fetch/detect-block.js';
import { BlockedError, NotRetryableError } from '../../src/fetch/errors.js';

/**
 * Why this body, which holds none of the board's results, is a block page ("slider verification
 * (滑动验证)"), or null when it is not one.
 */
export function detectChineseBlock(body: string): string | null {
  return blockSignOf(body);
}

/**
 * The error for a body the board's parser could not read: a BlockedError ("blocked: 智联 slider
 * verification (滑动验证)") when it shows a verification page or login wall, else a NotRetryableError
 * with `missing` ("not a 智联 search or job page: …").
 */
export function unreadableBody(
  body: string,
  site: string,
  missing: string,
  url?: string,
): BlockedError | NotRetryableError {
  const blocked = detectChineseBlock(body);
  if (blocked) return new BlockedError(`blocked: ${site} ${blocked}`, url);
  return new NotRetryableError(missing, url);
}

/**
 * The first step of every board's parser: a body that is JSON (it starts with "{") comes back parsed, and
 * one that does not parse is a NotRetryableError naming the site; any other body comes back as undefined,
 * for the caller to look for its structure in.
 */
export function readBoardBody(body: string, site: string, url?: string): unknown {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      throw new NotRetryableError(`${site} response is not valid JSON`, url);
    }
  }
  return undefined;
}
