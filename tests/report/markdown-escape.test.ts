// Escaping untrusted posting text for markdown and SVG: nothing a posting says can become markup.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeXml, markdownTable } from '../../src/report/markdown-escape.js';

const md = new MarkdownIt({ html: true, linkify: true });
const inline = (text: string) => md.renderInline(escapeMarkdown(text));

describe('escapeMarkdown', () => {
  it('keeps HTML as visible text instead of markup', () => {
    const html = inline('<script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('turns link, image and autolink syntax into plain text', () => {
    for (const evil of [
      '[x](javascript:alert(1))',
      '![img](http://evil)',
      '<http://evil.example>',
      'see http://evil.example/a',
      'www.evil.example',
      'me@evil.example',
    ]) {
      const html = inline(evil);
      expect(html, evil).not.toContain('<a ');
      expect(html, evil).not.toContain('<img');
    }
  });

  it('does not let emphasis, code, strikethrough or math through', () => {
    const html = inline('**bold** _it_ `code` ~~gone~~ $x^2$');
    expect(html).not.toMatch(/<(strong|em|code|s|del)>/);
    expect(html).toContain('**bold**');
    expect(html).toContain('`code`');
  });

  it('collapses newlines so a value stays on one line', () => {
    expect(escapeMarkdown('line one\n\n# heading\r\n- item')).toBe('line one \\# heading - item');
  });

  it('escapes line-start markers that would make a list or heading', () => {
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
  });

  it('keeps Chinese text untouched', () => {
    expect(escapeMarkdown('上海·浦东新区 AI训练师')).toBe('上海·浦东新区 AI训练师');
  });

  it('removes control and bidi-override characters', () => {
    expect(escapeMarkdown('abc\u202edef\u0007')).toBe('abcdef');
  });

  it('cuts long text with an ellipsis', () => {
    expect(escapeMarkdown('abcdefghij', 5)).toBe('abcd…');
  });

  it('keeps a pipe from splitting a table cell', () => {
    const table = markdownTable(['company', 'postings'], [[escapeMarkdown('| a | b |'), '3']]);
    const html = md.render(table);
    const cells = html.match(/<td[^>]*>/g) ?? [];
    expect(cells).toHaveLength(2);
    expect(html).toContain('| a | b |');
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and quotes', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('drops characters XML 1.0 forbids', () => {
    expect(escapeXml('a\u0000b\u001fc')).toBe('abc');
  });
});
