// JSON as web pages write it: script blocks of JSON-LD found in HTML, parsed leniently (the trailing commas,
// raw newlines and bad escapes hand-written JSON-LD has), and the JSON value that starts at a given place in a
// text (an embedded state such as `window.__INITIAL_STATE__ = {...}`). Pure text helpers, shared by the
// JSON-LD extractor (scrapers/shared/json-ld.ts) and the fetch layer's check that a body arrived whole.
import { decodeEntities } from './html-to-text.js';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** The text of every `application/ld+json` script block of a page (the type may be entity-encoded). */
export function jsonLdScriptTexts(html: string): string[] {
  const texts: string[] = [];
  for (const match of html.matchAll(SCRIPT)) {
    const attributes = decodeEntities(match[1] ?? '');
    if (!/type\s*=\s*["']?\s*application\/ld\+json/i.test(attributes)) continue;
    texts.push(match[2] ?? '');
  }
  return texts;
}

/** JSON.parse, and when that fails the same text with the common breakages repaired; undefined if hopeless. */
export function parseLenientJson(text: string): unknown {
  const trimmed = text
    .trim()
    .replace(/^<!--|-->$/g, '')
    .replace(/^\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>$/g, '')
    .replace(/^<!\[CDATA\[|\]\]>$/g, '')
    .trim();
  if (!trimmed) return undefined;
  for (const candidate of [trimmed, repairJson(trimmed), repairJson(decodeEntities(trimmed))]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next repair
    }
  }
  return undefined;
}

/**
 * Repairs what hand-written JSON-LD gets wrong: trailing commas before } or ], raw newlines and tabs
 * inside strings, invalid escapes like \' , and a trailing semicolon.
 */
export function repairJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        if ('"\\/bfnrtu'.includes(next) && next !== '') out += c + next;
        else out += next; // drop the backslash of an invalid escape
        i++;
      } else if (c === '"') {
        inString = false;
        out += c;
      } else if (c === '\n') out += '\\n';
      else if (c === '\r') out += '\\r';
      else if (c === '\t') out += '\\t';
      else if (c < ' ') out += ' ';
      else out += c;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === ',') {
      const rest = /^\s*([}\]]|$)/.exec(text.slice(i + 1));
      if (!rest) out += c;
    } else out += c;
  }
  return out.replace(/;\s*$/, '');
}

/**
 * The text of the balanced {...} or [...] starting at `start` (a JSON object or array, such as an embedded
 * state), or undefined when it never closes. Strings are respected, so a "}" inside a title does not end it.
 */
export function balancedSlice(text: string, start: number): string | undefined {
  const open = text[start];
  if (open !== '{' && open !== '[') return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}
