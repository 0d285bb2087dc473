// Checks on rendered report HTML shared by the report tests: markup that hostile posting text could have
// injected, backslash escapes a reader sees for nothing, and HTML entities decoded back to text.
import MarkdownIt from 'markdown-it';

/** Tags the report itself produces; anything else in the HTML was injected. */
const OWN_TAGS = new Set([
  'h1',
  'h2',
  'h3',
  'p',
  'em',
  'strong',
  'code',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'ul',
  'li',
  'img',
  'blockquote',
]);

/**
 * Markup a posting could have injected: foreign tags, links, event handlers, images outside the chart folder.
 * `links` are the addresses the user gave (claims' sources), which the report links on purpose.
 */
export function injectedMarkup(html: string, assetDir: string, links: string[] = []): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g)) {
    const [tag, name, attrs] = m;
    if (name === 'a' && links.some((href) => attrs === ` href="${href}"`)) continue;
    if (!OWN_TAGS.has(name!.toLowerCase()) || /\son\w+\s*=/i.test(attrs!)) found.push(tag);
    else if (name === 'img' && !attrs!.includes(`src="${assetDir}/`)) found.push(tag);
  }
  return found;
}

export function decodeEntities(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** An Output that collects what is written, for running the CLI in-process. */
export function collector(): { write: (text: string) => void; isTTY: boolean; text: () => string } {
  let buffer = '';
  return {
    write: (text: string) => {
      buffer += text;
    },
    isTTY: false,
    text: () => buffer,
  };
}

/** Characters the report always escapes in posting text (they mean something wherever they stand). */
const ALWAYS_ESCAPED = new Set(['*', '`', '[', ']', '|', '~', '$', '\\', '_']);

/**
 * Backslash escapes a reader sees for nothing: each escape of a character that is markup only in some places
 * ("(", "<", "&", "#", "!", ":", "@" …) is taken out in turn, and if the page renders the same without it, it was
 * needless. Returns those escapes with a little context.
 */
export function needlessEscapes(markdown: string): string[] {
  const render = new MarkdownIt({ html: true, linkify: true });
  const expected = render.render(markdown);
  const needless: string[] = [];
  for (const m of markdown.matchAll(/\\([!-/:-@[-`{-~])/g)) {
    if (ALWAYS_ESCAPED.has(m[1]!)) continue;
    const at = m.index;
    const without = markdown.slice(0, at) + markdown.slice(at + 1);
    if (render.render(without) === expected) needless.push(markdown.slice(Math.max(0, at - 20), at + 20));
  }
  return needless;
}
