// The `fetch` and `browser` sections of the config: careful defaults, and errors that name the field.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';

describe('fetch and browser settings', () => {
  it('an empty config gets polite defaults', () => {
    const config = parseConfig({});
    expect(config.fetch).toMatchObject({
      requestsPerMinute: 20,
      perHostConcurrency: 2,
      respectRobots: true,
      maxRetries: 4,
    });
    expect(config.browser).toMatchObject({ maxPages: 2, headless: true });
  });

  it('a bad value or an unknown key names its field', () => {
    expect(() => parseConfig({ fetch: { requestsPerMinute: -5 } }, 'jobtrend.config.yaml')).toThrow(
      /^config jobtrend\.config\.yaml: fetch\.requestsPerMinute: /,
    );
    expect(() => parseConfig({ fetch: { userAgnet: 'x' } })).toThrow(/fetch: .*\(userAgnet\)/);
    expect(() => parseConfig({ browser: { maxPages: 0 } })).toThrow(/browser\.maxPages/);
    expect(() =>
      parseConfig({ fetch: { hosts: { 'www.zhipin.com': { requestsPerMinute: 'fast' } } } }),
    ).toThrow(/fetch\.hosts\.www\.zhipin\.com\.requestsPerMinute/);
  });
});
