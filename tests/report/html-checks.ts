// Checks on rendered report HTML shared by the report tests: markup that hostile posting text could have
// injected, and HTML entities decoded back to text.

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

/** Markup a posting could have injected: foreign tags, links, event handlers, images outside the chart folder. */
export function injectedMarkup(html: string, assetDir: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g)) {
    const [tag, name, attrs] = m;
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
