// Telling a body cut short from a whole one, by what a cut does to a page: JSON that does not parse, an HTML
// page without its end, HTML that stops within a tag, a JSON-LD block or an embedded state that does not
// parse. Whole pages pass: the project's fixtures, and every real capture in ../shared/fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { incompleteBody } from '../../src/fetch/body-completeness.js';
import { haveRealCaptures, SHARED_FIXTURES } from '../support/shared-fixtures.js';

const HTML = 'text/html; charset=utf-8';
const page = (body: string) =>
  `<!doctype html><html><head><title>招聘</title></head><body>${body}</body></html>\n`;

describe('a body cut short', () => {
  it.each([
    ['JSON', '{"data": {"list": [{"id": 1}, {"id"', 'application/json', /JSON does not parse/],
    ['JSON served as HTML', '[{"id": 1}, {"i', HTML, /JSON does not parse/],
    [
      'an HTML page cut between two tags',
      '<!doctype html><html><body><ul><li>AI训练师</li>',
      HTML,
      /ends before <\/body>/,
    ],
    ['an HTML page cut within a tag', '<html><body><ul><li class="jo', HTML, /ends within a text or a tag/],
    [
      'a fragment of job cards cut within its text',
      '<li><a href="/job/1">AI Trai',
      HTML,
      /ends within a text or a tag/,
    ],
    [
      'a JSON-LD block cut (and closed by a later tag)',
      page('<script type="application/ld+json">{"@type": "JobPosting", "title": "AI</script>'),
      HTML,
      /a JSON-LD block does not parse/,
    ],
    [
      'an embedded state that never closes',
      '<html><body><script>window.__INITIAL_STATE__ = {"positionList": [{"name": "AI训练师"}, </script></body></html>',
      HTML,
      /__INITIAL_STATE__ never closes/,
    ],
    [
      'an embedded state that does not parse',
      page('<script>window.__SEARCH_RESULT__ = {"engine_search_result": [ {"job_name": } ]};</script>'),
      HTML,
      /__SEARCH_RESULT__ does not parse/,
    ],
  ])('%s', (_what, body, type, reason) => {
    expect(incompleteBody(body, type)).toMatch(reason);
  });
});

describe('a whole body', () => {
  it.each([
    ['JSON with a byte-order mark', '\uFEFF{"jobs": []}', 'application/json'],
    ['an HTML page', page('<ul><li>AI训练师</li></ul>'), HTML],
    ['a page without </html> but with </body>', '<html><body><p>x</p></body>', HTML],
    [
      'a fragment of job cards (LinkedIn), doctype and all',
      '<!DOCTYPE html>\n<li><div>AI Trainer</div></li>\n  ',
      HTML,
    ],
    ['plain text', 'User-agent: *\nDisallow: /admin', 'text/plain'],
    [
      'a JSON-LD block with a trailing comma',
      page('<script type="application/ld+json">{"title": "x",}</script>'),
      HTML,
    ],
    [
      'an embedded state with undefined values',
      page('<script>window.__INITIAL_STATE__={"positionList":[],"x":undefined};</script>'),
      HTML,
    ],
    [
      'a JavaScript object under another name',
      page("<script>window.__CONFIG__ = {a: 1, b: '}'};</script>"),
      HTML,
    ],
    [
      'XML',
      '<?xml version="1.0"?><urlset><url><loc>https://x.test/1</loc></url></urlset>',
      'application/xml',
    ],
  ])('%s', (_what, body, type) => {
    expect(incompleteBody(body, type)).toBeNull();
  });

  it.runIf(haveRealCaptures())('every real capture in ../shared/fixtures passes as whole', () => {
    const judged = readdirSync(SHARED_FIXTURES)
      .filter((name) => /\.(html|json)$/.test(name))
      .map((name) => {
        const bytes = readFileSync(join(SHARED_FIXTURES, name));
        const text = /gbk/i.test(name) ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8');
        return [name, incompleteBody(text, name.endsWith('.json') ? 'application/json' : HTML)];
      });
    expect(judged.length).toBeGreaterThan(15);
    expect(judged.filter(([, reason]) => reason !== null)).toEqual([]);
  });
});
