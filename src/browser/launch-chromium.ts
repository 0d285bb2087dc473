// Starting Chromium, the one way jobtrend does it: the binary found by findChromium, headless or not, with
// the flags below, and a UserError saying how to fix it when it does not start. Used by the browser pool
// and by `jobtrend check`. Playwright is imported here, on the first launch: it is large, and most commands
// never need a browser.
import type { Browser } from 'playwright';
import { UserError } from '../errors.js';
import type { BrowserSettings } from '../fetch/fetch-settings.js';
import { findChromium } from './find-chromium.js';

export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export async function launchChromium(
  settings: Pick<BrowserSettings, 'executablePath' | 'headless' | 'timeoutMs'>,
  env?: NodeJS.ProcessEnv,
): Promise<{ browser: Browser; executablePath: string }> {
  const executablePath = findChromium({ env, configured: settings.executablePath });
  const args = [...CHROMIUM_ARGS];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  try {
    const { chromium } = await import('playwright');
    const browser = await chromium.launch({
      executablePath,
      headless: settings.headless,
      args,
      timeout: settings.timeoutMs,
    });
    return { browser, executablePath };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError(
      `Chromium at ${executablePath} did not start (${reason}): reinstall it, or set JOBTREND_CHROMIUM`,
    );
  }
}
