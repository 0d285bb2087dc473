// Can this machine run the browser sources? For `jobtrend check`: Chromium is found and starts headless,
// exactly as the browser pool starts it, and is closed at once.
import { launchChromium } from '../browser/launch-chromium.js';
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
  const { browser, executablePath } = await launchChromium({ ...settings, headless: true }, env);
  try {
    return { path: executablePath, version: browser.version() };
  } finally {
    await browser.close().catch(() => {});
  }
}
