// The Chinese boards end to end: scrapeSource runs the real scraper against the local server, through the
// engine's fetcher (GBK decoding, block detection) and the pipeline, into a SQLite database; Chinese titles,
// companies, districts and salary strings must arrive intact, and a block must be recorded, not hammered.
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixture, fixtureBytes } from './support/context.js';

const open: { server: TestServer; db: Db }[] = [];

function config(sources: Record<string, Record<string, unknown>> = {}) {
  return parseConfig({
    fetch: {
      requestsPerMinute: 60_000,
      backoffBaseMs: 20,
      backoffMaxMs: 500,
      timeoutMs: 5_000,
      maxRetries: 1,
    },
    sources,
  });
}

async function setup(): Promise<{ server: TestServer; db: Db }> {
  const server = await startTestServer();
  const db = openDatabase(':memory:');
  open.push({ server, db });
  return { server, db };
}

function rows(db: Db, sourceId: string): Record<string, unknown>[] {
  return db
    .prepare('SELECT * FROM postings WHERE source_id = ? ORDER BY source_posting_id')
    .all(sourceId) as Record<string, unknown>[];
}

afterEach(async () => {
  for (const { server, db } of open.splice(0)) {
    db.close();
    await server.close();
  }
});

describe('Chinese boards into the database', () => {
  it('智联 postings keep their Chinese titles, companies, districts and salary strings', async () => {
    const { scrapeSource } = await import('../../src/engine/scrape-source.js');
    const { server, db } = await setup();
    server.route('/', (_req, url) => ({
      body: fixture(
        url.searchParams.get('p') === '1'
          ? 'zhaopin/search-shanghai-p1.html'
          : 'zhaopin/search-shanghai-p2.html',
      ),
    }));
    const summary = await scrapeSource({
      db,
      sourceId: 'zhaopin',
      baseUrl: server.url,
      config: config(),
      request: { city: 'Shanghai', query: '人工智能训练师' },
    });
    expect(summary.status).toBe('ok');
    const stored = rows(db, 'zhaopin');
    expect(stored.map((r) => r.title)).toEqual([
      '人工智能训练师（大模型方向）',
      '数据标注员',
      'AI训练师（语音）',
    ]);
    expect(stored[0]).toMatchObject({
      company: '上海星图智能科技有限公司',
      location_raw: '上海·浦东新区·张江',
      salary_raw: '1.1万-1.5万',
      city: 'Shanghai',
      district: '浦东新区',
    });
    expect(stored[1]!.salary_raw).toBe('8千-1.2万·13薪');
    // 智联 writes Beijing time: 09:30 in Shanghai is 01:30 UTC.
    expect(stored[0]).toMatchObject({
      posted_at: '2026-11-20T01:30:00.000Z',
      salary_min: 11000,
      salary_months: null,
    });
    expect(stored[1]).toMatchObject({ salary_min: 8000, salary_max: 12000, salary_months: 13 });
    const roles = db
      .prepare(
        'SELECT p.title, r.role_id FROM posting_roles r JOIN postings p ON p.id = r.posting_id WHERE p.source_id = ? ORDER BY p.source_posting_id, r.role_id',
      )
      .all('zhaopin') as { title: string; role_id: string }[];
    expect(roles).toContainEqual({ title: '人工智能训练师（大模型方向）', role_id: 'ai-trainer' });
    expect(roles).toContainEqual({ title: '数据标注员', role_id: 'data-annotator' });
  });

  it('51job GBK list pages are decoded by the engine and stored intact', async () => {
    const { scrapeSource } = await import('../../src/engine/scrape-source.js');
    const { server, db } = await setup();
    const gbk = { 'content-type': 'text/html; charset=gbk' };
    server.route(/,2,1\.html$/, { body: fixtureBytes('51job/search-list-p1.html'), headers: gbk });
    server.route(/,2,2\.html$/, { body: fixtureBytes('51job/search-list-p2.html'), headers: gbk });
    const summary = await scrapeSource({
      db,
      sourceId: '51job',
      baseUrl: server.url,
      config: config({ '51job': { mode: 'list' } }),
      request: { city: 'Shanghai' },
    });
    expect(summary.status).toBe('ok');
    const stored = rows(db, '51job');
    expect(stored.map((r) => r.company)).toEqual([
      '上海智语数据科技有限公司',
      '上海闵智信息技术有限公司',
      '上海镕数科技有限公司',
    ]);
    expect(stored[0]).toMatchObject({
      title: 'AI训练师（对话标注）',
      location_raw: '上海·浦东新区',
      salary_raw: '1-1.5万/月',
      district: '浦东新区',
    });
    expect(stored.every((r) => !String(r.title).includes('\ufffd'))).toBe(true);
  });

  it('a slider page is recorded as a partial or failed run with "blocked: …", after one request', async () => {
    const { scrapeSource } = await import('../../src/engine/scrape-source.js');
    const { server, db } = await setup();
    server.route('/', { body: fixture('zhaopin/slider-captcha.html') });
    const summary = await scrapeSource({
      db,
      sourceId: 'zhaopin',
      baseUrl: server.url,
      config: config(),
      request: { city: 'Shanghai' },
    });
    expect(summary.status).not.toBe('ok');
    expect(summary.errorSummary).toMatch(/blocked/);
    expect(server.requests.filter((r) => r.path !== '/robots.txt')).toHaveLength(1);
    expect(rows(db, 'zhaopin')).toHaveLength(0);
  });

  it('BOSS through the engine browser: the job-list JSON the page fetched is stored intact', async () => {
    const { scrapeSource } = await import('../../src/engine/scrape-source.js');
    const { server, db } = await setup();
    const json = { 'content-type': 'application/json; charset=utf-8' };
    server.route('/web/geek/job', { body: fixture('boss/search.html') });
    server.route('/wapi/zpgeek/search/joblist.json', (_req, url) => ({
      body: fixture(url.searchParams.get('page') === '1' ? 'boss/joblist-p1.json' : 'boss/joblist-p2.json'),
      headers: json,
    }));
    server.route('/wapi/zpgeek/job/card.json', { body: fixture('boss/card-ai-trainer.json'), headers: json });
    const summary = await scrapeSource({
      db,
      sourceId: 'boss',
      baseUrl: server.url,
      config: config(),
      request: { city: 'Shanghai' },
    });
    expect(summary.status).toBe('ok');
    const stored = rows(db, 'boss');
    expect(stored.map((r) => r.title).sort()).toEqual(
      ['AI训练师', '大模型评测专员（RLHF）', '数据标注员'].sort(),
    );
    const ai = stored.find((r) => r.title === 'AI训练师')!;
    expect(ai).toMatchObject({
      company: '星图智能',
      location_raw: '上海·浦东新区·张江',
      salary_raw: '8-12K·13薪',
    });
  });
});
