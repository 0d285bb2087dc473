// schema.org items written as HTML microdata (itemscope / itemtype / itemprop), read into the same shape
// JSON-LD has ({ "@type": "JobPosting", title, hiringOrganization: { name }, … }) so one mapper serves
// both. Pure: HTML text in, plain objects out.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

type Node = Record<string, unknown>;

/** Every top-level microdata item on the page (items nested as properties are inside their parent). */
export function extractMicrodataItems(html: string): Node[] {
  if (!/itemscope/i.test(html)) return [];
  const $ = cheerio.load(html);
  const items: Node[] = [];
  $('[itemscope]').each((_, el) => {
    if ($(el).is('[itemprop]') && $(el).parent().closest('[itemscope]').length > 0) return;
    items.push(readItem($, el));
  });
  return items;
}

function readItem($: cheerio.CheerioAPI, root: Element): Node {
  const item: Node = {};
  const type = $(root).attr('itemtype');
  if (type)
    item['@type'] = type
      .trim()
      .split(/\s+/)[0]!
      .replace(/^https?:\/\/schema\.org\//i, '');
  $(root)
    .find('[itemprop]')
    .each((_, el) => {
      if ($(el).parent().closest('[itemscope]')[0] !== root) return;
      const value = $(el).is('[itemscope]') ? readItem($, el) : propertyValue($, el);
      for (const name of ($(el).attr('itemprop') ?? '').trim().split(/\s+/).filter(Boolean)) {
        const previous = item[name];
        item[name] = previous === undefined ? value : [previous, value].flat();
      }
    });
  return item;
}

function propertyValue($: cheerio.CheerioAPI, el: AnyNode): string {
  const node = $(el);
  const tag = (el as Element).tagName?.toLowerCase();
  const content = node.attr('content');
  if (content !== undefined) return content;
  if (tag === 'meta') return '';
  if (tag === 'a' || tag === 'link' || tag === 'area') return node.attr('href') ?? '';
  if (tag === 'img' || tag === 'audio' || tag === 'video' || tag === 'source' || tag === 'iframe')
    return node.attr('src') ?? '';
  if (tag === 'time') return node.attr('datetime') ?? node.text().trim();
  if (tag === 'data' || tag === 'meter') return node.attr('value') ?? node.text().trim();
  if (node.attr('itemprop')?.split(/\s+/).includes('description')) return node.html() ?? '';
  return node.text().replace(/\s+/g, ' ').trim();
}
