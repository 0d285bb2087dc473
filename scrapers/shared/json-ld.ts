// schema.org JobPosting from JSON-LD script blocks, on any page: the well-formed kinds (a single object,
// arrays, @graph, postings nested in a WebPage) and the malformed-but-common ones real pages serve (an
// entity-encoded `type="application/ld&#x2B;json"`, trailing commas, raw newlines and HTML in strings,
// several blocks per page). Also maps a JobPosting node (JSON-LD or microdata) to a RawPosting.
// Pure functions: HTML text in, raw postings out. Reused by the Chinese boards' detail pages.
import type { RawPosting, SchemaOrgSalary } from '../../src/domain/posting.js';
import { decodeEntities, htmlToText } from '../../src/text/html-to-text.js';
import { jsonLdScriptTexts, parseLenientJson } from '../../src/text/lenient-json.js';
import { descriptionText } from './description.js';
import { extractMicrodataItems } from './microdata.js';

export { decodeEntities } from '../../src/text/html-to-text.js';
export { repairJson } from '../../src/text/lenient-json.js';

/** A parsed JSON-LD node: a plain object. */
export type JsonLdNode = Record<string, unknown>;

/**
 * The parsed content of every `application/ld+json` script on the page, one entry per block that parses
 * (after repairing trailing commas, raw control characters and bad escapes). Blocks that cannot be
 * parsed even then are left out; `countJsonLdBlocks` tells how many there were.
 */
export function findJsonLdBlocks(html: string): unknown[] {
  const blocks: unknown[] = [];
  for (const text of jsonLdScriptTexts(html)) {
    const value = parseLenientJson(text);
    if (value !== undefined) blocks.push(value);
  }
  return blocks;
}

/** How many JSON-LD script blocks the page has, parsable or not. */
export function countJsonLdBlocks(html: string): number {
  return jsonLdScriptTexts(html).length;
}

/** Every JobPosting node in the given JSON-LD values: through arrays, @graph and nested objects. */
export function findJobPostingNodes(values: unknown[]): JsonLdNode[] {
  const found: JsonLdNode[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 12 || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = value as JsonLdNode;
    if (isJobPosting(node)) {
      found.push(node);
      return;
    }
    for (const child of Object.values(node)) visit(child, depth + 1);
  };
  for (const value of values) visit(value, 0);
  return found;
}

function isJobPosting(node: JsonLdNode): boolean {
  const type = node['@type'] ?? node.type;
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && /(^|[/:])JobPosting$/i.test(t.trim()));
}

/**
 * Raw postings from every schema.org JobPosting on the page, JSON-LD and microdata alike. `pageUrl` is the
 * page's own URL: relative URLs are resolved against it, and it is the posting's URL (and id) when the
 * posting gives neither `url` nor `identifier`.
 */
export function extractJobPostings(html: string, pageUrl?: string): RawPosting[] {
  const canonical = canonicalUrl(html, pageUrl);
  const nodes = [
    ...findJobPostingNodes(findJsonLdBlocks(html)),
    ...findJobPostingNodes(extractMicrodataItems(html)),
  ];
  const postings = nodes.map((node) => jobPostingToRaw(node, canonical ?? pageUrl));
  // Several postings on one page without ids of their own: tell them apart by title.
  const ids = postings.map((p) => p.sourcePostingId);
  postings.forEach((p, i) => {
    if (ids.indexOf(p.sourcePostingId) !== ids.lastIndexOf(p.sourcePostingId)) {
      p.sourcePostingId = `${p.sourcePostingId}#${slug(p.title) || i}`;
    }
  });
  return dedupe(postings);
}

function dedupe(postings: RawPosting[]): RawPosting[] {
  const seen = new Set<string>();
  return postings.filter((p) => {
    if (seen.has(p.sourcePostingId)) return false;
    seen.add(p.sourcePostingId);
    return true;
  });
}

function canonicalUrl(html: string, pageUrl: string | undefined): string | undefined {
  const tag = /<link\b[^>]*rel=["']?canonical["']?[^>]*>/i.exec(html)?.[0];
  const href = tag ? /href=["']([^"']+)["']/i.exec(tag)?.[1] : undefined;
  return href ? absoluteUrl(decodeEntities(href), pageUrl) : undefined;
}

/** One JobPosting node as a RawPosting: strings as the page gives them, salary as the schema.org object. */
export function jobPostingToRaw(node: JsonLdNode, pageUrl?: string): RawPosting {
  const ownUrl = text(node.url);
  const url = absoluteUrl(ownUrl, pageUrl) ?? pageUrl;
  const identifier = identifierOf(node.identifier);
  const title = htmlToText(text(node.title) ?? text(node.name) ?? '');
  const locationType = [node.jobLocationType].flat().map((t) => String(t ?? '').toUpperCase());
  const remote = locationType.some((t) => t.includes('TELECOMMUTE')) ? true : undefined;
  const description = text(node.description);
  const posting: RawPosting = {
    sourcePostingId: identifier ?? url ?? (slug(title) || 'posting'),
    title,
    raw: node,
  };
  if (url) posting.url = url;
  const company = organisationName(node.hiringOrganization);
  if (company) posting.company = company;
  const location =
    locationOf(node.jobLocation) ?? (remote ? remoteLocation(node.applicantLocationRequirements) : undefined);
  if (location) posting.location = location;
  if (remote) posting.remote = true;
  const salary = salaryOf(node.baseSalary) ?? salaryOf(node.estimatedSalary);
  if (salary) posting.salary = salary;
  const employmentType = [node.employmentType].flat().map(text).filter(Boolean).join(', ');
  if (employmentType) posting.employmentType = employmentType;
  if (description) posting.description = descriptionText(description);
  const postedAt = text(node.datePosted);
  if (postedAt) posting.postedAt = postedAt;
  const validThrough = text(node.validThrough);
  if (validThrough) posting.validThrough = validThrough;
  const extra: Record<string, unknown> = {};
  for (const key of [
    'industry',
    'occupationalCategory',
    'skills',
    'experienceRequirements',
    'educationRequirements',
    'workHours',
  ]) {
    if (node[key] !== undefined) extra[key] = node[key];
  }
  if (Object.keys(extra).length > 0) posting.extra = extra;
  return posting;
}

function identifierOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return identifierOf(value[0]);
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || undefined;
  if (value && typeof value === 'object') {
    const node = value as JsonLdNode;
    return identifierOf(node.value ?? node['@value']);
  }
  return undefined;
}

function organisationName(value: unknown): string | undefined {
  if (Array.isArray(value)) return organisationName(value[0]);
  if (typeof value === 'string') return htmlToText(value) || undefined;
  if (value && typeof value === 'object')
    return htmlToText(text((value as JsonLdNode).name) ?? '') || undefined;
  return undefined;
}

/** "San Francisco, CA, US"; several places joined with "; ". */
function locationOf(value: unknown): string | undefined {
  const places = [value].flat().filter((p) => p !== undefined && p !== null);
  const names = places.map(placeName).filter((n): n is string => Boolean(n));
  return names.length > 0 ? [...new Set(names)].join('; ') : undefined;
}

function placeName(place: unknown): string | undefined {
  if (typeof place === 'string') return htmlToText(place) || undefined;
  if (!place || typeof place !== 'object') return undefined;
  const node = place as JsonLdNode;
  const address = node.address;
  if (typeof address === 'string') return htmlToText(address) || undefined;
  if (address && typeof address === 'object') {
    const a = (Array.isArray(address) ? address[0] : address) as JsonLdNode;
    const parts = [a.addressLocality, a.addressRegion, a.addressCountry].map(nameOrText).filter(Boolean);
    const unique = parts.filter((p, i) => parts.indexOf(p) === i);
    if (unique.length > 0) return unique.join(', ');
  }
  return nameOrText(node.name);
}

function remoteLocation(requirements: unknown): string {
  const names = [requirements].flat().map(nameOrText).filter(Boolean);
  return names.length > 0 ? `Remote (${names.join(', ')})` : 'Remote';
}

function nameOrText(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || undefined;
  if (value && typeof value === 'object') return text((value as JsonLdNode).name);
  return undefined;
}

const SALARY_KEYS = ['@type', 'currency', 'value', 'minValue', 'maxValue', 'unitText'] as const;

function salaryOf(value: unknown): SchemaOrgSalary | undefined {
  if (Array.isArray(value)) return salaryOf(value[0]);
  if (typeof value === 'number' || typeof value === 'string') return { value };
  if (!value || typeof value !== 'object') return undefined;
  const node = value as JsonLdNode;
  const salary: Record<string, unknown> = {};
  for (const key of SALARY_KEYS) {
    const v = node[key];
    if (v === undefined || v === null || v === '') continue;
    if (key === 'value' && typeof v === 'object') {
      const inner = (Array.isArray(v) ? v[0] : v) as JsonLdNode;
      const q: Record<string, unknown> = {};
      for (const k of SALARY_KEYS)
        if (inner[k] !== undefined && inner[k] !== null && inner[k] !== '') q[k] = inner[k];
      salary.value = q;
    } else salary[key] = v;
  }
  const hasAmount =
    salary.value !== undefined || salary.minValue !== undefined || salary.maxValue !== undefined;
  return hasAmount ? (salary as SchemaOrgSalary) : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object' && '@value' in value) return text((value as JsonLdNode)['@value']);
  return undefined;
}

/** `href` made absolute against `base`; undefined for empty or unusable values. */
export function absoluteUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return /^https?:\/\//i.test(href) ? href.trim() : undefined;
  }
}

function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}
