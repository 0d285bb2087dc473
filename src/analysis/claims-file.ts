// Claims files: a YAML (or JSON) list of claims to check in one go. A claim as a newspaper wrote it names no
// period: give the text, who published it and when, and what it says; it is checked under every standard
// reading as of the day it was published (see claim-readings.ts):
//   - id: shanghai-ai-trainers
//     text: "the demand for AI trainers in Shanghai has surged by over 30%"
//     publisher: C114
//     published: 2026-01-26
//     url: https://www.c114pro.com/ainews/142225.html
//     role: ai-trainer
//     city: 上海
//     change: ">30%"
// A claim that names its periods gives them (period: "2025", baseline: "2024") and has one reading. `source`
// (or `sources`) is the jobtrend data source to count, e.g. zhaopin — not who published the claim. A top-level
// { claims: [...] } is accepted too. Problems are one UserError naming the item and field.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/load-config.js';
import { UserError } from '../errors.js';
import { isValidDay, toDay } from './dates.js';
import type { Claim } from './types.js';

// Periods may be written as bare numbers in YAML (period: 2025): accept them and keep them as text.
const periodText = z.union([z.string().min(1), z.number().int()]).transform(String);

// A day written YYYY-MM-DD (YAML may read it as a date).
const dayText = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? toDay(value) : value.trim()))
  .refine(isValidDay, 'must be a date written YYYY-MM-DD');

const claimSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String).optional(),
    text: z.string().optional(),
    publisher: z.string().min(1).optional(),
    published: dayText.optional(),
    url: z.string().min(1).optional(),
    as_of: dayText.optional(),
    asOf: dayText.optional(),
    role: z.string().min(1).optional(),
    match: z.string().min(1).optional(),
    city: z.string().min(1).optional(),
    sources: z.array(z.string().min(1)).optional(),
    source: z.string().min(1).optional(),
    period: periodText.optional(),
    baseline: periodText.optional(),
    change: z.union([z.string().min(1), z.number()]).transform(String),
    metric: z.enum(['new', 'share', 'active']).optional(),
    allSources: z.boolean().optional(),
    all_sources: z.boolean().optional(),
  })
  .strict();

const listSchema = z.array(claimSchema);

/** Claims from YAML or JSON text; `origin` names the file in error messages. */
export function parseClaims(text: string, origin = 'the claims file'): Claim[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new UserError(`${origin} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const wrapped = data !== null && typeof data === 'object' && !Array.isArray(data) && 'claims' in data;
  const list = wrapped ? (data as { claims: unknown }).claims : data;
  if (!Array.isArray(list)) {
    throw new UserError(`${origin} must be a YAML list of claims (or claims: followed by a list)`);
  }
  const parsed = listSchema.safeParse(list);
  if (!parsed.success) {
    throw new UserError(
      `${origin}: claim ${describeZodError(parsed.error)} (each claim needs a change, and either period and baseline or the day it was published)`,
    );
  }
  const items = parsed.data;
  if (items.length === 0) throw new UserError(`${origin} lists no claims: add at least one`);
  return items.map(({ source, all_sources, sources, allSources, as_of, asOf, ...rest }, index) => {
    const name = `claim [${index}]${rest.id ? ` (${rest.id})` : ''}`;
    if (Boolean(rest.period) !== Boolean(rest.baseline)) {
      throw new UserError(
        `${origin}: ${name} has ${rest.period ? 'a period but no baseline' : 'a baseline but no period'}: give both, or neither to check every standard reading`,
      );
    }
    const day = asOf ?? as_of;
    if (!rest.period && !day && !rest.published) {
      throw new UserError(
        `${origin}: ${name} names no period, so it needs the day it was published (published: 2026-01-26) for its readings to end before; or give period and baseline`,
      );
    }
    const claim: Claim = { ...rest };
    if (day) claim.asOf = day;
    const allSourceIds = [...(sources ?? []), ...(source ? [source] : [])];
    if (allSourceIds.length > 0) claim.sources = allSourceIds;
    const all = allSources ?? all_sources;
    if (all !== undefined) claim.allSources = all;
    return claim;
  });
}

/**
 * Reads and parses a claims file; a missing or unreadable file is a UserError that names `flag`, the
 * command's option that gave the path (`claim --file`, `report --claims`).
 */
export function parseClaimsFile(path: string, flag = '--file'): Claim[] {
  if (!existsSync(path)) throw new UserError(`no claims file at ${path}: check the path given to ${flag}`);
  if (statSync(path).isDirectory())
    throw new UserError(`${path} is a folder: ${flag} needs a YAML file of claims`);
  return parseClaims(readFileSync(path, 'utf8'), path);
}
