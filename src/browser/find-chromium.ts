// Where Chromium is: JOBTREND_CHROMIUM, then the configured path, then Playwright's own download, then a
// system Chromium (Debian's /usr/lib/chromium/chromium and friends). No path is assumed to exist.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UserError } from '../errors.js';

export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

export interface FindChromiumOptions {
  env?: NodeJS.ProcessEnv;
  /** browser.executablePath from the config. */
  configured?: string;
  /** Overrides the candidate list after the env and config (tests). */
  systemPaths?: string[];
  /** Whether Playwright's downloaded browser is considered (default true). */
  usePlaywright?: boolean;
}

/** The Chromium binary to launch, or a UserError saying how to get one. */
export function findChromium(options: FindChromiumOptions = {}): string {
  const env = options.env ?? process.env;
  const explicit = env.JOBTREND_CHROMIUM?.trim();
  if (explicit) {
    if (!existsSync(explicit)) {
      throw new UserError(
        `JOBTREND_CHROMIUM points to ${explicit}, which does not exist: fix the path or unset it`,
      );
    }
    return explicit;
  }
  if (options.configured) {
    if (!existsSync(options.configured)) {
      throw new UserError(
        `browser.executablePath ${options.configured} does not exist: fix the path in the config`,
      );
    }
    return options.configured;
  }
  const candidates: string[] = [];
  if (options.usePlaywright ?? true) {
    try {
      // Loaded only here: Playwright is large, and most commands never need a browser.
      const { chromium } = createRequire(import.meta.url)('playwright') as typeof import('playwright');
      candidates.push(chromium.executablePath());
    } catch {
      // Playwright knows no browser for this platform.
    }
  }
  candidates.push(...(options.systemPaths ?? SYSTEM_CHROMIUM_PATHS));
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) {
    throw new UserError(
      'no Chromium found: install Chromium (apt-get install chromium), or set JOBTREND_CHROMIUM',
    );
  }
  return found;
}
