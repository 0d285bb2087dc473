import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteokScraper, repairMojibake } from '../../scrapers/remoteok.js';
import { NotRetryableError } from '../../src/fetch/errors.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixture, haveRealCaptures, jsonText, realCapture, scrapeAll } from './helpers.js';

describe('remoteok', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/api', (_req, url) => {
      const tag = url.searchParams.get('tag');
      if (tag === 'empty') return jsonText('[{"legal":"API Terms of Service"}]');
      if (tag === 'broken') return jsonText('{"error":"rate limited"}');
      return jsonText(fixture('remoteok/api.json'));
    });
  });
  afterAll(() => server.close());

  it('repairs UTF-8 that was read as Windows-1252, and leaves correct text alone', () => {
    expect(repairMojibake('MecÃ¡nico DiagnÃ³stico')).toBe('Mecánico Diagnóstico');
    expect(repairMojibake('Weâ€™re hiring â€“ now')).toBe('We’re hiring – now');
    expect(repairMojibake('Crème brûlée, naïve, 北京, We’re')).toBe('Crème brûlée, naïve, 北京, We’re');
    expect(repairMojibake('soft\u00adhyphen')).toBe('softhyphen');
  });

  it('skips the legal notice and maps jobs: repaired text, remote, link back to Remote OK, yearly USD pay', () => {
    const postings = remoteokScraper.parse(fixture('remoteok/api.json'));
    expect(postings).toHaveLength(2);
    expect(postings[0]).toMatchObject({
      sourcePostingId: '2000001',
      title: 'Anotador de Datos – Diagnóstico de IA',
      company: 'ExampleData',
      url: 'https://remoteok.com/remote-jobs/remote-anotador-de-datos-exampledata-2000001',
      remote: true,
      location: 'Remote',
      postedAt: '2026-09-24T16:00:06+00:00',
      tags: ['ai', 'data'],
      description: 'Buscamos anotadores con experiencia en diagnóstico.\n\nWe’re remote-first.',
    });
    expect(postings[0]?.salaryRange).toBeUndefined();
    expect(postings[1]).toMatchObject({
      title: 'AI Rater (Search Quality)',
      location: 'Worldwide',
      salaryRange: { min: 30000, max: 45000, currency: 'USD', period: 'year' },
    });
  });

  it('scrapes the feed, or one request per configured tag without repeating a job', async () => {
    const feed = await scrapeAll(remoteokScraper, server.url, {});
    expect(feed.urls).toEqual([`${server.url}/api`]);
    expect(feed.pages[0]?.postings).toHaveLength(2);
    const tagged = await scrapeAll(remoteokScraper, server.url, { tags: ['ai', 'data'] });
    expect(tagged.urls).toEqual([`${server.url}/api?tag=ai`, `${server.url}/api?tag=data`]);
    expect(tagged.pages.map((p) => p.postings.length)).toEqual([2, 0]);
  });

  it('a feed with only the legal notice yields an empty page', async () => {
    const { pages, error } = await scrapeAll(remoteokScraper, server.url, { tags: ['empty'] });
    expect(error).toBeUndefined();
    expect(pages.map((p) => p.postings)).toEqual([[]]);
  });

  it('a malformed response is a NotRetryableError and nothing is yielded', async () => {
    expect(() => remoteokScraper.parse('{"error":"rate limited"}')).toThrow(NotRetryableError);
    const { pages, error } = await scrapeAll(remoteokScraper, server.url, { tags: ['broken'] });
    expect(pages).toEqual([]);
    expect(error?.message).toMatch(/remoteok tag "broken": .*expected a JSON list/);
  });

  describe.skipIf(!haveRealCaptures())('on the real capture', () => {
    it('parses the capture and repairs its mojibake', () => {
      const postings = remoteokScraper.parse(realCapture('hunt_remoteok_api_mojibake_trimmed.json'));
      expect(postings.map((p) => p.sourcePostingId)).toEqual(['1137431', '1137429']);
      expect(postings[1]?.title).toBe('Mecánico Automotriz Diagnóstico y Presupuestos');
      expect(postings[1]?.description).toMatch(
        /^Buscamos un\/a Mecánico\/a Automotriz con experiencia en diagnóstico técnico/,
      );
      expect(postings[1]?.description).not.toMatch(/Ã[¡³©­]/);
      expect(postings[0]?.url).toBe(
        'https://remoteok.com/remote-jobs/remote-danish-speaking-solutions-consultant-work-sofia-bulgaria-mercier-consultancy-group-1137431',
      );
    });
  });
});
