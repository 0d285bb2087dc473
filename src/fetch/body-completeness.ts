// Whether a response body arrived whole. A server (or a proxy) that ends the body early without a
// Content-Length hands over a shorter body that HTTP cannot tell from a whole one, and a page of 20 postings
// cut after 12 would be stored as a page of 12, or of none. What a cut makes of a page shows, though: JSON
// that does not parse, an HTML document without its end, a JSON-LD block or an embedded state (智联's
// `__INITIAL_STATE__`, 51job's `__SEARCH_RESULT__`) that does not parse. The fetch layer treats such a body
// as a retryable error, and after the retries as an error counted in the run — never a quiet zero.
import { balancedSlice, jsonLdScriptTexts, parseLenientJson } from '../text/lenient-json.js';

/** Embedded states that pages write as JSON (`window.NAME = {...}`); others may be JavaScript, and are not read. */
export const JSON_STATES = ['__INITIAL_STATE__', '__SEARCH_RESULT__'] as const;

/** How far into a page its `<html>` tag is looked for: past comments and anti-bot scripts. */
const DOCUMENT_START_CHARS = 65_536;

/** Why `text` (a 2xx body of type `contentType`) is not whole, in a few words; null when it looks whole. */
export function incompleteBody(text: string, contentType: string | null): string | null {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json') || /^[{[]/.test(body)) return parses(body) ? null : 'its JSON does not parse';
  if (!/^</.test(body) || /xml/.test(type)) return null;
  // A page, or a fragment of one (LinkedIn's job cards), ends with a tag: a cut one, mostly within text or a tag.
  if (!/>\s*$/.test(body)) return 'its HTML ends within a text or a tag';
  if (/<html[\s>]/i.test(body.slice(0, DOCUMENT_START_CHARS)) && !/<\/(?:html|body)\s*>/i.test(body)) {
    return 'its HTML page ends before </body> and </html>';
  }
  for (const block of jsonLdScriptTexts(body)) {
    if (block.trim() !== '' && parseLenientJson(block) === undefined) return 'a JSON-LD block does not parse';
  }
  for (const name of JSON_STATES) {
    const problem = stateProblem(body, name);
    if (problem) return problem;
  }
  return null;
}

/** What is wrong with the embedded state `name` of the page, if it has one. */
function stateProblem(html: string, name: string): string | null {
  const at = new RegExp(`${name}\\s*=\\s*(?=[{[])`).exec(html);
  if (!at) return null;
  const value = balancedSlice(html, at.index + at[0].length);
  if (value === undefined) return `its embedded state ${name} never closes`;
  // Some pages write `undefined` for a missing value; the extractors read that as null.
  if (parses(value) || parses(value.replace(/:\s*undefined\b/g, ':null'))) return null;
  return `its embedded state ${name} does not parse`;
}

function parses(json: string): boolean {
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
}
