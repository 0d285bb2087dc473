// XML sitemaps (sitemaps.org): a <urlset> lists pages, a <sitemapindex> lists further sitemaps. Pure:
// the XML text in, the URLs out (made absolute, entities decoded), so a scraper can walk an index.
import * as cheerio from 'cheerio';
import { NotRetryableError } from '../../src/fetch/errors.js';

export interface SitemapEntry {
  url: string;
  lastModified?: string;
}

export interface ParsedSitemap {
  kind: 'urlset' | 'sitemapindex';
  /** Pages (from a urlset) or further sitemaps (from a sitemap index). */
  entries: SitemapEntry[];
}

/** Reads a sitemap or sitemap index; throws NotRetryableError when the text is neither. */
export function parseSitemap(xml: string, sitemapUrl?: string): ParsedSitemap {
  const $ = cheerio.load(xml, { xml: true });
  const root = $.root().children().first();
  const name = (root.prop('tagName') ?? '').toLowerCase().replace(/^.*:/, '');
  if (name !== 'urlset' && name !== 'sitemapindex') {
    throw new NotRetryableError(
      `${sitemapUrl ?? 'sitemap'} is not an XML sitemap (expected <urlset> or <sitemapindex>, found ${name ? `<${name}>` : 'no XML'})`,
      sitemapUrl,
    );
  }
  const entries: SitemapEntry[] = [];
  root.children().each((_, el) => {
    const child = $(el);
    const loc = child
      .children()
      .filter((_, c) => /(^|:)loc$/i.test((c as { tagName?: string }).tagName ?? ''))
      .first()
      .text()
      .trim();
    if (!loc) return;
    let url: string;
    try {
      url = new URL(loc, sitemapUrl).href;
    } catch {
      return;
    }
    const lastModified = child
      .children()
      .filter((_, c) => /(^|:)lastmod$/i.test((c as { tagName?: string }).tagName ?? ''))
      .first()
      .text()
      .trim();
    entries.push(lastModified ? { url, lastModified } : { url });
  });
  return { kind: name, entries };
}
