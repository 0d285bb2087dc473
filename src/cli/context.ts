// What every command gets: the global options, output streams (so tests can capture them), and helpers to
// open the database and load the configuration the same way everywhere.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { type Config, configuredDatabase, loadConfig } from '../config/load-config.js';
import { UserError } from '../errors.js';
import type { Output } from '../output.js';
import { resolveDbPath } from '../paths.js';
import { type Db, openDatabase } from '../store/database.js';

export interface CliContext {
  out: Output;
  err: Output;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM: long work finishes its current page and stops. */
  signal: AbortSignal;
  /** The database path from --db, JOBTREND_DB, the config's `database`, or db/jobtrend.sqlite. */
  dbPath(): string;
  /**
   * Opens the database: writers create and migrate it, readers require it to exist. `mustExist` makes a
   * writer that only makes sense on existing data (reindex) refuse a path with no database.
   */
  openDb(options?: { readonly?: boolean; mustExist?: boolean }): Db;
  /** The config from --config, else jobtrend.config.yaml/.json in the current folder, else defaults. */
  config(): Config;
}

export interface GlobalOptions {
  db?: string;
  config?: string;
}

export function makeContext(
  program: Command,
  io: Pick<CliContext, 'out' | 'err' | 'env' | 'signal'>,
): CliContext {
  const globals = () => program.opts<GlobalOptions>();
  let config: Config | undefined;
  return {
    ...io,
    dbPath: () => resolveDbPath(globals().db ?? io.env.JOBTREND_DB ?? configuredDatabase(globals().config)),
    openDb(options = {}) {
      const path = this.dbPath();
      if (options.mustExist && !existsSync(path)) {
        throw new UserError(
          `no database at ${path}: run \`jobtrend init\` first, or pass --db with the right path`,
        );
      }
      return openDatabase(path, {
        readonly: options.readonly ?? false,
        onWarning: (message) => this.err.write(`jobtrend: warning: ${message}\n`),
      });
    },
    config() {
      config ??= loadConfig(globals().config);
      return config;
    },
  };
}
