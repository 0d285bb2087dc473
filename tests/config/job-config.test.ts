// The jobs section of the config: a bad cron expression or time zone is refused when the config is loaded,
// with the field named; sources expand to one scrape per query × city.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandJobScrapes, findUnknownJobSource, jobSchema } from '../../src/config/job-config.js';
import { parseConfig } from '../../src/config/load-config.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const job = (extra: Record<string, unknown> = {}) => ({
  name: 'daily',
  cron: '0 6 * * *',
  sources: ['greenhouse'],
  ...extra,
});

function refusal(data: unknown): string {
  try {
    parseConfig(data, 'jobtrend.config.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
}

describe('the jobs section of the config', () => {
  it('accepts a job with sources, queries, cities, a time zone and a report', () => {
    const config = parseConfig({
      jobs: [
        job({
          timezone: 'Asia/Shanghai',
          queries: ['AI训练师'],
          cities: ['Shanghai'],
          report: { role: 'ai-trainer', period: 'last-4-weeks' },
        }),
      ],
    });
    expect(config.jobs[0]).toMatchObject({
      name: 'daily',
      timezone: 'Asia/Shanghai',
      enabled: true,
      report: { role: 'ai-trainer' },
    });
  });

  it('accepts a report-only job (a weekly report is a normal job)', () => {
    const config = parseConfig({
      jobs: [
        { name: 'weekly-report', cron: '0 8 * * 1', report: { role: 'ai-trainer', out: 'reports/weekly' } },
      ],
    });
    expect(config.jobs[0]).toMatchObject({ sources: [], report: { out: 'reports/weekly' } });
  });

  it('refuses a bad cron expression, naming the job and the field', () => {
    const message = refusal({ jobs: [job(), job({ name: 'second', cron: '* * *' })] });
    expect(message).toMatch(
      /^config jobtrend\.config\.yaml: jobs\[1\]\.cron: invalid cron expression "\* \* \*"/,
    );
    expect(message).toContain('expected 5 or 6 fields');
  });

  it('refuses an out-of-range cron field', () => {
    expect(refusal({ jobs: [job({ cron: '0 25 * * *' })] })).toMatch(
      /jobs\[0\]\.cron: invalid cron expression "0 25 \* \* \*" \(25 is a invalid expression for hour\)/,
    );
  });

  it('refuses an unknown time zone, naming the field', () => {
    expect(refusal({ jobs: [job({ timezone: 'Asia/Atlantis' })] })).toMatch(
      /jobs\[0\]\.timezone: unknown time zone "Asia\/Atlantis"/,
    );
  });

  it('refuses two jobs with the same name, a job without sources, and unknown keys', () => {
    expect(refusal({ jobs: [job(), job()] })).toMatch(/jobs\[1\]\.name: duplicate job name "daily"/);
    expect(refusal({ jobs: [job({ sources: [] })] })).toMatch(
      /jobs\[0\]\.sources: a job needs at least one source, or a report/,
    );
    expect(refusal({ jobs: [job({ crontab: '* * * * *' })] })).toMatch(/jobs\[0\]: .*crontab/);
  });

  it('names the source that no scraper provides', () => {
    const jobs = parseConfig({
      jobs: [job(), job({ name: 'b', sources: ['lever', { id: 'nope', query: 'x' }] })],
    }).jobs;
    expect(findUnknownJobSource(jobs, ['greenhouse', 'lever'])).toMatch(
      /^jobs\[1\]\.sources\[1\]\.id: unknown source "nope": choose one of greenhouse, lever/,
    );
    expect(findUnknownJobSource(jobs, ['greenhouse', 'lever', 'nope'])).toBeNull();
  });

  it('expands ids into one scrape per query and city; objects keep their own query and city', () => {
    const parsed = jobSchema.parse(
      job({
        sources: ['zhaopin', { id: 'liepin', city: 'Beijing', maxPages: 2 }],
        queries: ['AI训练师', '数据标注'],
        cities: ['Shanghai', 'Hangzhou'],
        maxPages: 5,
      }),
    );
    const scrapes = expandJobScrapes(parsed);
    expect(scrapes.filter((s) => s.sourceId === 'zhaopin')).toHaveLength(4);
    expect(scrapes).toContainEqual({ sourceId: 'zhaopin', query: '数据标注', city: 'Hangzhou', maxPages: 5 });
    expect(scrapes.filter((s) => s.sourceId === 'liepin')).toEqual([
      { sourceId: 'liepin', query: 'AI训练师', city: 'Beijing', maxPages: 2 },
      { sourceId: 'liepin', query: '数据标注', city: 'Beijing', maxPages: 2 },
    ]);
    expect(expandJobScrapes(jobSchema.parse(job()))).toEqual([{ sourceId: 'greenhouse' }]);
  });
});

describe('jobtrend schedule with a bad config', () => {
  let temp = tempDir();
  afterEach(() => {
    temp.cleanup();
    temp = tempDir();
  });

  it('is refused at start with one line naming the field, exit 1, and no database written', async () => {
    const config = join(temp.dir, 'jobtrend.config.yaml');
    writeFileSync(
      config,
      'jobs:\n  - name: ok\n    cron: "0 6 * * *"\n    sources: [greenhouse]\n  - name: broken\n    cron: "* * *"\n    sources: [greenhouse]\n',
    );
    const result = await runCli(['--db', join(temp.dir, 'jobs.sqlite'), '--config', config, 'schedule']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/jobs\[1\]\.cron: invalid cron expression "\* \* \*"/);
    expect(result.stdout).toBe('');
    expect(existsSync(join(temp.dir, 'jobs.sqlite'))).toBe(false);
  });

  it('a bad time zone is refused the same way by jobtrend run', async () => {
    const config = join(temp.dir, 'jobtrend.config.json');
    writeFileSync(config, JSON.stringify({ jobs: [job({ timezone: 'Mars/Olympus' })] }));
    const result = await runCli(['--db', join(temp.dir, 'jobs.sqlite'), '--config', config, 'run', 'daily']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^jobtrend: config .*: jobs\[0\]\.timezone: unknown time zone "Mars\/Olympus"/,
    );
  });

  it('a job naming an unknown source, or a source with a bad config section, is refused at start', async () => {
    const config = join(temp.dir, 'jobtrend.config.json');
    writeFileSync(
      config,
      JSON.stringify({ jobs: [job({ sources: ['hn'] }), job({ name: 'b', sources: ['hn', 'nope'] })] }),
    );
    const unknown = await runCli(['--db', join(temp.dir, 'jobs.sqlite'), '--config', config, 'schedule']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^jobtrend: config jobs\[1\]\.sources\[1\]: unknown source "nope": choose one of .*hn/,
    );
    writeFileSync(
      config,
      JSON.stringify({ sources: { greenhouse: { baseUrl: 'ftp://example.com' } }, jobs: [job()] }),
    );
    const badSection = await runCli([
      '--db',
      join(temp.dir, 'jobs.sqlite'),
      '--config',
      config,
      'run',
      'daily',
    ]);
    expect(badSection.code).toBe(1);
    expect(badSection.stderr).toMatch(
      /^jobtrend: config sources\.greenhouse\.baseUrl: expected an http\(s\) URL/,
    );
    expect(existsSync(join(temp.dir, 'jobs.sqlite'))).toBe(false);
  });

  it('an unknown job name is a usage error listing the jobs', async () => {
    const config = join(temp.dir, 'jobtrend.config.json');
    writeFileSync(config, JSON.stringify({ jobs: [job()] }));
    const result = await runCli(['--db', join(temp.dir, 'jobs.sqlite'), '--config', config, 'run', 'weekly']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown job "weekly": the config has daily/);
  });
});
