import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findScraper } from '../../scrapers/registry.js';
import { loadConfig } from '../../src/config/load-config.js';
import { sourceSettings } from '../../src/engine/source-settings.js';

const examplePath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'jobtrend.config.example.yaml');

describe('the example config', () => {
  const config = loadConfig(examplePath);

  it("loads, and every source section passes its scraper's own schema", () => {
    const ids = Object.keys(config.sources);
    expect(ids).toEqual(
      expect.arrayContaining(['greenhouse', 'lever', 'ashby', 'hn', 'remoteok', 'jsonld', 'site']),
    );
    for (const id of ids) {
      const scraper = findScraper(id);
      expect(scraper, `source ${id} is registered`).toBeDefined();
      expect(() => sourceSettings(scraper!, config)).not.toThrow();
    }
  });

  it('lists real boards of companies that hire AI trainers, and leaves the placeholder sites disabled', () => {
    const greenhouse = sourceSettings(findScraper('greenhouse')!, config).options as { boards: string[] };
    const ashby = sourceSettings(findScraper('ashby')!, config).options as { boards: string[] };
    expect(greenhouse.boards).toEqual(expect.arrayContaining(['scaleai', 'anthropic', 'xai']));
    expect(ashby.boards).toContain('openai');
    expect(config.sources.jsonld?.enabled).toBe(false);
    expect(config.sources.site?.enabled).toBe(false);
  });

  it('a mistake in a site definition is reported with the field it is in', () => {
    const broken = structuredClone(config);
    const site = (broken.sources.site!.sites as { fields: Record<string, unknown> }[])[0]!;
    delete site.fields.title;
    expect(() => sourceSettings(findScraper('site')!, broken)).toThrow(
      'config sources.site.sites[0].fields.title: Required',
    );
  });

  it('a greenhouse section without boards says what to write', () => {
    expect(() =>
      sourceSettings(findScraper('greenhouse')!, { ...config, sources: { greenhouse: {} } }),
    ).toThrow(/^config sources\.greenhouse\.boards: Required: list the board tokens/);
  });
});

describe('the example config as the daemon reads it', () => {
  it('every job names known sources with valid sections, so `jobtrend schedule` would start', async () => {
    const { checkJobSources } = await import('../../src/schedule/check-jobs.js');
    const config = loadConfig(examplePath);
    expect(config.jobs.length).toBeGreaterThanOrEqual(3);
    expect(() => checkJobSources(config, config.jobs)).not.toThrow();
  });
});
