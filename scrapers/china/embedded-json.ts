// Pulls JSON state out of HTML pages: `window.__INITIAL_STATE__ = {...}` (智联), `window.__SEARCH_RESULT__ =
// {...}` (51job), and Baidu "cambrian" ld+json blocks (BOSS直聘, 猎聘 detail pages: pubDate, upDate).
// Pure text in, values out; a scanner that respects strings (src/text/lenient-json.ts), so "}" inside a title
// does not end the object.
import { balancedSlice } from '../../src/text/lenient-json.js';

export { balancedSlice } from '../../src/text/lenient-json.js';

/** The JSON value assigned to `name` in a script (`name = {...}` or `name={...}`), or undefined. */
export function extractAssignedJson(html: string, name: string): unknown {
  const at = findAssignment(html, name);
  if (at < 0) return undefined;
  const text = balancedSlice(html, at);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Some pages write `undefined` for missing values: the state is still JSON after replacing it.
    try {
      return JSON.parse(text.replace(/:\s*undefined\b/g, ':null'));
    } catch {
      return undefined;
    }
  }
}

function findAssignment(html: string, name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&');
  const pattern = new RegExp(`${escaped}\\s*=\\s*(?=[{\\[])`, 'g');
  const match = pattern.exec(html);
  return match ? match.index + match[0].length : -1;
}

export interface Cambrian {
  id?: string;
  title?: string;
  description?: string;
  pubDate?: string;
  upDate?: string;
}

/** The Baidu cambrian ld+json block of a page (its "@id" is the canonical URL), or undefined. */
export function extractCambrian(html: string): Cambrian | undefined {
  const blocks = html.matchAll(/<script[^>]+type=["']application\/ld\+json["'][^>]*>([\s\S]*?)<\/script>/gi);
  for (const [, body] of blocks) {
    let value: unknown;
    try {
      value = JSON.parse(body!.trim());
    } catch {
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    if (!String(record['@context'] ?? '').includes('cambrian')) continue;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    return {
      id: str(record['@id']),
      title: str(record.title),
      description: str(record.description),
      pubDate: str(record.pubDate),
      upDate: str(record.upDate) ?? str(record.update),
    };
  }
  return undefined;
}
