// Escaping untrusted posting text for markdown and SVG: nothing a posting says can become markup.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeXml, markdownTable } from '../../src/report/markdown-escape.js';
import { seededRandom } from '../../src/seeded-random.js';
import { decodeEntities } from './html-checks.js';

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
    expect(escapeMarkdown('line one\n\n# heading\r\n- item')).toBe('line one # heading - item');
  });

  it('escapes line-start markers that would make a list or heading', () => {
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
  });

  it('leaves what CommonMark reads as text alone: no needless backslashes', () => {
    for (const text of [
      'ln(postings per day)',
      'Data labeling (数据标注)',
      'q < 0.05',
      'q <0.001 and p > 0.5',
      'R&D, 5 > 3',
      'snake_case_name',
      'exp(slope) − 1',
      'Who is hiring? (Hacker News) #1!',
      '-5% on 2025-Q1',
      '1.5 per day',
      'C# and C++ & .NET',
      '{"a": 1}',
      'a = b',
    ]) {
      expect(escapeMarkdown(text), text).toBe(text);
    }
  });

  it('keeps every character of any text as text, in a sentence, a table cell or a list item', () => {
    const alphabet = [...'\\`*_[]()<>#!|~&{}$:/@.-+=;"\' aZ1中'];
    const random = seededRandom(24);
    const pick = () => alphabet[Math.floor(random() * alphabet.length)]!;
    const samples = [
      'www.evil.example',
      '&amp; &#169; &#xA9;',
      '<a href="x">',
      '</b>',
      '<!-- c -->',
      '***',
      '---',
      '===',
      '> quote',
      '1) item',
      'tail\\',
      ...Array.from({ length: 400 }, () =>
        Array.from({ length: 2 + Math.floor(random() * 10) }, pick).join(''),
      ),
    ];
    const render = new MarkdownIt({ html: true, linkify: true });
    const inner = (html: string, tag: string) =>
      new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(html)?.[1] ?? `(no ${tag} in ${html})`;
    for (const sample of samples) {
      const text = sample.replace(/\s+/g, ' ').trim();
      if (text === '') continue;
      const escaped = escapeMarkdown(sample);
      const shown = [
        inner(render.render(escaped), 'p'),
        inner(render.render(`| h |\n| --- |\n| ${escaped} |`), 'td'),
        inner(render.render(`- ${escaped}`), 'li'),
        inner(render.render(`said ${escaped} here`), 'p').slice('said '.length, -' here'.length),
      ];
      for (const html of shown) {
        expect(html, `${sample} → ${escaped}`).not.toMatch(/<[a-z]/i);
        expect(decodeEntities(html), `${sample} → ${escaped}`).toBe(text);
      }
    }
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
