// `jobtrend sources` names, per source, the real pages it was checked against and when they were captured.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('jobtrend sources shows the real shapes each board was checked against', () => {
  it('lists every shape of each board with its capture date, in the table output and in --json', async () => {
    const env = { JOBTREND_DB: '/nonexistent/jobtrend.sqlite' };
    const text = await runCli(['sources'], env);
    expect(text.code).toBe(0);
    const section = text.stdout.slice(text.stdout.indexOf('real pages each source was checked against'));
    for (const id of ['zhaopin', 'boss', '51job', 'liepin', 'linkedin']) expect(section).toContain(`${id}:`);
    expect(section).toMatch(/2018-08\s+search API \(fe-api \/c\/i\/sou/);
    expect(section).toMatch(/2026-05\s+job page whose state holds the job-info object \(postings\)/);
    expect(section).toMatch(/2021-02-26\s+list page, GBK/);
    expect(section).toMatch(/2020-08\s+guest search page, pre-2021 result-card markup/);

    const json = await runCli(['sources', '--json'], env);
    const rows = JSON.parse(json.stdout) as {
      id: string;
      checked_against: { captured: string; kind: string }[];
    }[];
    const zhaopin = rows.find((r) => r.id === 'zhaopin')!;
    expect(zhaopin.checked_against.length).toBeGreaterThanOrEqual(4);
    expect(zhaopin.checked_against.map((s) => s.captured)).toEqual(
      [...zhaopin.checked_against.map((s) => s.captured)].sort(),
    );
    expect(zhaopin.checked_against).toContainEqual({
      kind: 'slider verification page (Aliyun WAF nocaptcha)',
      captured: '2022-07',
      reads: 'blocked',
    });
    // Sources without captures say nothing rather than something invented.
    expect(rows.find((r) => r.id === 'greenhouse')!.checked_against).toEqual([]);
  });
});
