// Can this machine run the browser sources? For `jobtrend check` and the demo: Chromium is found (the same
// search as the browser pool's) and starts headless with the pool's flags; it is closed at once.
import { CHROMIUM_ARGS } from '../browser/browser-pool.js';
import { findChromium } from '../browser/find-chromium.js';
import { UserError } from '../errors.js';
import type { BrowserSettings } from '../fetch/fetch-settings.js';

/** The one command that installs a Chromium jobtrend finds by itself (Playwright's own build). */
export const INSTALL_CHROMIUM = 'npx playwright install chromium';

export interface ChromiumFound {
  path: string;
  version: string;
}

/** Finds and starts Chromium; throws a UserError saying what is wrong and how to fix it. */
export async function launchChromiumOnce(
  settings: Pick<BrowserSettings, 'executablePath' | 'timeoutMs'>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChromiumFound> {
  const path = findChromium({ env, configured: settings.executablePath });
  const { chromium } = await import('playwright');
  const args = [...CHROMIUM_ARGS];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({
      executablePath: path,
      headless: true,
      args,
      timeout: settings.timeoutMs,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError(
      `Chromium at ${path} did not start (${reason}): reinstall it, or set JOBTREND_CHROMIUM`,
    );
  }
  try {
    return { path, version: browser.version() };
  } finally {
    await browser.close().catch(() => {});
  }
}
