// `jobtrend check` as a plain module: is this setup ready to run? The config is read and validated (every
// source's own section and every job's sources included), Chromium is found and started when a source needs
// it, the database is writable at the schema version this jobtrend expects, and each configured source's
// host resolves and answers (unless offline). One line per item; a failed item is something to fix.
import { findScraper, scrapers } from '../../scrapers/registry.js';
import { findUnknownJobSource } from '../config/job-config.js';
import type { Config } from '../config/load-config.js';
import { UserError } from '../errors.js';
import { browserSettings, fetchSettingsSchema } from '../fetch/fetch-settings.js';
import { inspectDatabase } from '../store/inspect-database.js';
import { didYouMean } from '../text/did-you-mean.js';
import { INSTALL_CHROMIUM, launchChromiumOnce } from './chromium-check.js';
import { type ConfiguredSource, configuredSourceIds, describeSource } from './configured-sources.js';
import { type ProbeOptions, type ProbeResult, probeHost } from './probe-host.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckLine {
  item: string;
  status: CheckStatus;
  detail: string;
}

export interface CheckOptions {
  /** Loads and validates the config; throws a UserError naming the field. */
  loadConfig: () => Config;
  /** The config file read, for the report ("defaults" when there is none). */
  configLabel: string;
  dbPath: string;
  offline: boolean;
  env?: NodeJS.ProcessEnv;
  /** Per host, for DNS and the answer (default 5 s). */
  timeoutMs?: number;
  /** Replaceable in tests. */
  probe?: (origin: string, options: ProbeOptions) => Promise<ProbeResult>;
  launchChromium?: typeof launchChromiumOnce;
}

export const DEFAULT_USER_AGENT = fetchSettingsSchema.parse({}).userAgent;

export async function runChecks(options: CheckOptions): Promise<CheckLine[]> {
  const env = options.env ?? process.env;
  const lines: CheckLine[] = [];
  let config: Config | null = null;
  try {
    config = options.loadConfig();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    lines.push({ item: 'config', status: 'fail', detail: error.message });
  }
  const sources: ConfiguredSource[] = [];
  if (config) {
    const problems = configProblems(config, sources);
    lines.push(
      problems.length === 0
        ? { item: 'config', status: 'ok', detail: describeConfig(options.configLabel, config, sources) }
        : { item: 'config', status: 'fail', detail: problems[0]! },
      ...problems.slice(1).map((detail) => ({ item: 'config', status: 'fail' as const, detail })),
    );
    if (config.fetch.userAgent === DEFAULT_USER_AGENT) {
      lines.push({
        item: 'user agent',
        status: 'warn',
        detail:
          'the default User-Agent carries no contact: set fetch.userAgent, e.g. "jobtrend/0.1 (+mailto:you@example.org)", so site owners can reach you',
      });
    }
  }
  lines.push(await checkChromium(config, sources, env, options));
  lines.push(checkDatabase(options.dbPath));
  lines.push(...(await checkHosts(config, sources, env, options)));
  return lines;
}

/** Every problem the schema cannot see: unknown sources, invalid source sections, jobs naming no source. */
function configProblems(config: Config, sources: ConfiguredSource[]): string[] {
  const problems: string[] = [];
  const known = scrapers.map((s) => s.id);
  for (const id of Object.keys(config.sources)) {
    if (!findScraper(id) && !isImportedDataset(id)) {
      problems.push(
        `config sources.${id}: unknown source "${id}"${didYouMean(id, known)}: choose one of ${known.join(', ')} (see jobtrend sources)`,
      );
    }
  }
  const unknownJobSource = findUnknownJobSource(config.jobs, known);
  if (unknownJobSource) problems.push(`config ${unknownJobSource}`);
  for (const id of configuredSourceIds(config)) {
    const scraper = findScraper(id);
    if (!scraper) continue;
    try {
      sources.push(describeSource(scraper, config));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(error.message);
    }
  }
  return problems;
}

/** `import:<name>`: an imported dataset's section (its lifetimeDays); nothing is scraped or reached. */
function isImportedDataset(id: string): boolean {
  return id.startsWith('import:');
}

function describeConfig(label: string, config: Config, sources: ConfiguredSource[]): string {
  const jobs = config.jobs.filter((j) => j.enabled).length;
  return `${label}: ${sources.length} source${sources.length === 1 ? '' : 's'} in use, ${jobs} enabled job${jobs === 1 ? '' : 's'}`;
}

async function checkChromium(
  config: Config | null,
  sources: ConfiguredSource[],
  env: NodeJS.ProcessEnv,
  options: CheckOptions,
): Promise<CheckLine> {
  const needing = sources.filter((s) => s.needsBrowser).map((s) => s.id);
  const launch = options.launchChromium ?? launchChromiumOnce;
  try {
    const found = await launch(config?.browser ?? browserSettings(), env);
    return { item: 'chromium', status: 'ok', detail: `${found.path} (${found.version}) starts headless` };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (needing.length === 0) {
      return {
        item: 'chromium',
        status: 'warn',
        detail: `${error.message} (no configured source needs it; install it with \`${INSTALL_CHROMIUM}\` for boss or browser sites)`,
      };
    }
    return {
      item: 'chromium',
      status: 'fail',
      detail: `${error.message}; needed by ${needing.join(', ')}: install it with \`${INSTALL_CHROMIUM}\``,
    };
  }
}

function checkDatabase(path: string): CheckLine {
  const state = inspectDatabase(path);
  const item = 'database';
  switch (state.kind) {
    case 'missing':
      return state.folderWritable
        ? {
            item,
            status: 'ok',
            detail: `${path} does not exist yet: \`jobtrend init\` or the first scrape creates it (schema version ${state.expectedVersion})`,
          }
        : {
            item,
            status: 'fail',
            detail: `${path} does not exist and its folder is missing or not writable: create the folder, or pass --db with a writable path`,
          };
    case 'unreadable':
      return {
        item,
        status: 'fail',
        detail: `${path} cannot be opened (${state.reason}): pass --db with a jobtrend database, or restore it from a backup`,
      };
    case 'present': {
      const version = `schema version ${state.schemaVersion}`;
      if (state.schemaVersion > state.expectedVersion) {
        return {
          item,
          status: 'fail',
          detail: `${path}: ${version}, newer than this jobtrend knows (${state.expectedVersion}): upgrade jobtrend`,
        };
      }
      if (state.notWritable) {
        return {
          item,
          status: 'fail',
          detail: `${path} is not writable (${state.notWritable}): fix its permissions, or run as the user who owns it`,
        };
      }
      if (state.schemaVersion < state.expectedVersion) {
        return {
          item,
          status: 'fail',
          detail: `${path}: ${version}, this jobtrend expects ${state.expectedVersion}: run \`jobtrend init\` to migrate it`,
        };
      }
      return {
        item,
        status: 'ok',
        detail: `${path}: ${version} (current), writable${state.busy ? ' (another process is writing to it right now)' : ''}`,
      };
    }
  }
}

async function checkHosts(
  config: Config | null,
  sources: ConfiguredSource[],
  env: NodeJS.ProcessEnv,
  options: CheckOptions,
): Promise<CheckLine[]> {
  if (!config) return [];
  if (sources.length === 0) {
    return [{ item: 'sources', status: 'skip', detail: 'no sources configured: nothing to reach' }];
  }
  const probe = options.probe ?? probeHost;
  const probeOptions: ProbeOptions = {
    timeoutMs: options.timeoutMs ?? 5_000,
    userAgent: config.fetch.userAgent,
    env,
  };
  return Promise.all(
    sources.map(async (source): Promise<CheckLine> => {
      const item = `source ${source.id}`;
      const hosts = source.origins.map((o) => new URL(o).host).join(', ');
      if (options.offline) return { item, status: 'skip', detail: `${hosts}: not checked (--offline)` };
      const results = await Promise.all(source.origins.map((origin) => probe(origin, probeOptions)));
      const failed = results.filter((r) => !r.ok);
      return failed.length === 0
        ? { item, status: 'ok', detail: results.map((r) => r.detail).join('; ') }
        : { item, status: 'fail', detail: failed.map((r) => r.detail).join('; ') };
    }),
  );
}
