// Turning response bytes into text: the charset from Content-Type, else from <meta charset> or
// <meta http-equiv>, else a byte-order mark, else UTF-8. Chinese boards still serve GBK pages; GB2312 and
// GBK are decoded as GB18030, their superset, so no character of a real page is lost.
import iconv from 'iconv-lite';

/** Canonical iconv name for a declared charset, or undefined when it is unknown. */
export function normaliseCharset(declared: string | undefined | null): string | undefined {
  if (!declared) return undefined;
  const name = declared
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!name) return undefined;
  if (/^(gb2312|gb_2312(-80)?|gbk|x-gbk|cp936|windows-936|euc-cn|gb18030)$/.test(name)) return 'gb18030';
  if (/^(big5|big5-hkscs|x-x-big5|cp950)$/.test(name)) return name === 'big5-hkscs' ? 'big5hkscs' : 'big5';
  if (name === 'utf8') return 'utf-8';
  return iconv.encodingExists(name) ? name : undefined;
}

/** The charset parameter of a Content-Type header. */
export function charsetFromContentType(contentType: string | undefined | null): string | undefined {
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return match?.[1];
}

/** The charset a page declares in its first kilobytes: <meta charset> or <meta http-equiv content-type>. */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return direct?.[1];
}

function charsetFromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The charset the body is decoded with, by the rules above. */
export function detectCharset(bytes: Uint8Array, contentType?: string | null): string {
  return (
    normaliseCharset(charsetFromContentType(contentType)) ??
    charsetFromBom(bytes) ??
    normaliseCharset(charsetFromMeta(bytes)) ??
    'utf-8'
  );
}

/** Decodes a body to text (a leading BOM is dropped). */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): string {
  const charset = detectCharset(bytes, contentType);
  if (charset === 'utf-8') {
    // Most pages: Node's own decoder, as iconv-lite's UTF-8 uses, without copying the bytes first.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  return iconv.decode(Buffer.from(bytes), charset, { stripBOM: true });
}
