// The configuration file (jobtrend.config.yaml or .json): read, parsed, validated. Errors name the field
// ("config jobtrend.config.yaml: jobs[0].cron: …") and never lose the user's place in a stack trace.
// Each section's schema lives with the module that uses it; this file only composes them.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { browserSettingsSchema, fetchSettingsSchema } from '../fetch/fetch-settings.js';
import { langSchema } from '../report/report-lang.js';
import { jobsSchema } from './job-config.js';

export const configSchema = z
  .object({
    /** Database path, relative to the current folder (the --db flag and JOBTREND_DB win over it). */
    database: z.string().optional(),
    /** Fetch-layer settings: user agent, rates, timeouts (see src/fetch/fetch-settings.ts). */
    fetch: fetchSettingsSchema.default(fetchSettingsSchema.parse({})),
    /** The Chromium pool for JS-rendered sources (see src/browser). */
    browser: browserSettingsSchema.default(browserSettingsSchema.parse({})),
    /** Per-source settings, keyed by source id: baseUrl, enabled, and the scraper's own options. */
    sources: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    /** Scheduled jobs (see src/schedule). */
    jobs: jobsSchema,
    /** Where reports go, and their language (en or zh; `report --lang` wins over it). */
    reports: z
      .object({ outDir: z.string().default('reports'), lang: langSchema.default('en') })
      .strict()
      .default({ outDir: 'reports', lang: 'en' }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

export const DEFAULT_CONFIG_FILES = ['jobtrend.config.yaml', 'jobtrend.config.yml', 'jobtrend.config.json'];

/** The config file `path` names, else the first default file in the current folder; none: defaults apply. */
export function findConfigFile(path?: string): string | undefined {
  return path ? resolve(path) : DEFAULT_CONFIG_FILES.map((f) => resolve(f)).find((f) => existsSync(f));
}

/** Loads the config from `path`, else the first default file in the current folder, else defaults. */
export function loadConfig(path?: string): Config {
  const file = findConfigFile(path);
  if (!file) return configSchema.parse({});
  if (!existsSync(file)) {
    throw new UserError(`config file ${path} not found: check the path given to --config`);
  }
  let data: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError(`config ${path ?? file} cannot be read: ${reason}`);
  }
  return parseConfig(data ?? {}, path ?? file);
}

/**
 * The `database` setting of the config file, read on its own so that every command opens the database the
 * config names — even one that never loads the rest (query, export), and even when the rest is broken (the
 * command that loads the config reports that). Undefined when the file or the setting is absent or unreadable.
 */
export function configuredDatabase(path?: string): string | undefined {
  const file = findConfigFile(path);
  if (!file || !existsSync(file)) return undefined;
  try {
    const text = readFileSync(file, 'utf8');
    const data = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as {
      database?: unknown;
    } | null;
    return typeof data?.database === 'string' && data.database.trim() ? data.database : undefined;
  } catch {
    return undefined;
  }
}

export function parseConfig(data: unknown, label = 'config'): Config {
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) throw new UserError(`config ${label}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** The first problem of a zod error as "field.path: message", e.g. "jobs[0].cron: Required". */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
  const extra =
    issue.code === 'unrecognized_keys' ? ` (${(issue as { keys: string[] }).keys.join(', ')})` : '';
  return `${path || '(top level)'}: ${issue.message}${extra}`;
}
