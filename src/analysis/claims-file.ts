// Claims files: a YAML (or JSON) list of claims to check in one go, e.g.
//   - id: xinhua-2025
//     text: "上海AI训练师需求激增超30%"
//     role: ai-trainer
//     city: 上海
//     period: "2025"
//     baseline: "2024"
//     change: ">30%"
// A top-level { claims: [...] } is accepted too. Problems are one UserError naming the item and field.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeZodError } from '../config/load-config.js';
import { UserError } from '../errors.js';
import type { Claim } from './types.js';

// Periods may be written as bare numbers in YAML (period: 2025): accept them and keep them as text.
const periodText = z.union([z.string().min(1), z.number().int()]).transform(String);

const claimSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String).optional(),
    text: z.string().optional(),
    role: z.string().min(1).optional(),
    match: z.string().min(1).optional(),
    city: z.string().min(1).optional(),
    sources: z.array(z.string().min(1)).optional(),
    source: z.string().min(1).optional(),
    period: periodText,
    baseline: periodText,
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
      `${origin}: claim ${describeZodError(parsed.error)} (each claim needs period, baseline and change)`,
    );
  }
  const items = parsed.data;
  if (items.length === 0) throw new UserError(`${origin} lists no claims: add at least one`);
  return items.map(({ source, all_sources, sources, allSources, ...rest }) => {
    const claim: Claim = { ...rest };
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
