import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bossScraper } from '../../scrapers/boss.js';
import { greenhouseScraper } from '../../scrapers/greenhouse.js';
import { job51Scraper } from '../../scrapers/job51.js';
import { jsonldScraper } from '../../scrapers/jsonld.js';
import { generateSamplePostings, type SamplePosting } from '../../src/demo/sample-data.js';
import { type SampleServer, startSampleServer } from '../../src/demo/sample-server.js';

const now = new Date('2026-06-30T12:00:00Z');

describe('sample postings', () => {
  const postings = generateSamplePostings({ now });

  it('are the same for the same clock and seed, and differ for another seed', () => {
    const again = generateSamplePostings({ now });
    expect(again).toEqual(postings);
    expect(generateSamplePostings({ now, seed: 7 }).map((p) => p.title)).not.toEqual(
      postings.map((p) => p.title),
    );
  });

  it('span three years before the clock, never after it', () => {
    const times = postings.map((p) => p.postedAt.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...times)).toBeLessThan(Date.UTC(2023, 8, 1));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.UTC(2023, 6, 1));
  });

  it('rise: the last twelve months hold clearly more postings than the twelve before', () => {
    const cut = Date.UTC(2025, 5, 30);
    const yearBefore = Date.UTC(2024, 5, 30);
    const dated = postings.filter((p) => p.source !== 'boss');
    const recent = dated.filter((p) => p.postedAt.getTime() >= cut).length;
    const earlier = dated.filter(
      (p) => p.postedAt.getTime() >= yearBefore && p.postedAt.getTime() < cut,
    ).length;
    expect(recent / earlier).toBeGreaterThan(1.5);
  });

  it('cover every sample source, several cities, Chinese and English titles', () => {
    const sources = new Set(postings.map((p) => p.source));
    expect([...sources].sort()).toEqual(['51job', 'boss', 'dataset', 'greenhouse', 'jsonld']);
    expect(new Set(postings.map((p) => p.city)).size).toBeGreaterThanOrEqual(6);
    expect(postings.some((p) => /[\u4e00-\u9fff]/.test(p.title))).toBe(true);
    expect(postings.some((p) => /^[A-Za-z]/.test(p.title))).toBe(true);
    expect(new Set(postings.map((p) => `${p.source}/${p.id}`)).size).toBe(postings.length);
  });
});

describe('sample sites read by the real scrapers', () => {
  let server: SampleServer;
  let postings: SamplePosting[];
  beforeAll(async () => {
    postings = generateSamplePostings({ now });
    server = await startSampleServer(postings);
  });
  afterAll(() => server.close());

  const count = (source: SamplePosting['source'], where: (p: SamplePosting) => boolean = () => true) =>
    postings.filter((p) => p.source === source && where(p)).length;

  it('serve a Greenhouse board the greenhouse scraper parses, with dates and descriptions', async () => {
    const url = `${server.origin}/v1/boards/example-ai-lab/jobs?content=true`;
    const raws = greenhouseScraper.parse(await (await fetch(url)).text(), { url });
    expect(raws).toHaveLength(count('greenhouse', (p) => p.board === 'example-ai-lab'));
    expect(raws[0]!.postedAt).toMatch(/^20\d\d-/);
    expect(raws[0]!.description).toMatch(/invented sample data/);
  });

  it('serve JSON-LD job pages the jsonld scraper parses, listed in a sitemap', async () => {
    const sitemap = await (await fetch(`${server.origin}/careers/sitemap.xml`)).text();
    const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(count('jsonld'));
    const [raw] = jsonldScraper.parse(await (await fetch(urls[0]!)).text(), { url: urls[0] });
    expect(raw).toMatchObject({ title: expect.any(String), company: expect.any(String) });
    expect(String(raw!.postedAt)).toMatch(/^20\d\d-\d\d-\d\d/);
  });

  it('serve a GBK-encoded 51job list page whose __SEARCH_RESULT__ the 51job scraper reads', async () => {
    const response = await fetch(`${server.origin}/list/020000,000000,0000,00,9,99,AI,2,1.html`);
    expect(response.headers.get('content-type')).toMatch(/gbk/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.toString('utf8')).not.toMatch(/上海/); // really GBK, not UTF-8
    const raws = job51Scraper.parse(iconv.decode(bytes, 'gbk'));
    expect(raws.length).toBe(
      Math.min(
        50,
        count('51job', (p) => p.city === 'Shanghai'),
      ),
    );
    expect(raws[0]!.location).toMatch(/^上海·/);
  });

  it('serve a BOSS-style page with no postings in its HTML, and the joblist.json its script asks for', async () => {
    const page = await (await fetch(`${server.origin}/web/geek/job?query=AI&city=101020100&page=1`)).text();
    expect(page).toMatch(/wapi\/zpgeek\/search\/joblist\.json/);
    expect(page).not.toMatch(/encryptJobId/);
    const list = await (
      await fetch(`${server.origin}/wapi/zpgeek/search/joblist.json?city=101020100&page=1`)
    ).text();
    const raws = bossScraper.parse(list);
    expect(raws).toHaveLength(count('boss', (p) => p.city === 'Shanghai'));
  });

  it('answer robots.txt with allow-all and unknown paths with 404', async () => {
    expect(await (await fetch(`${server.origin}/robots.txt`)).text()).toMatch(/Allow: \//);
    expect((await fetch(`${server.origin}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${server.origin}/v1/boards/unknown/jobs`)).status).toBe(404);
  });
});
