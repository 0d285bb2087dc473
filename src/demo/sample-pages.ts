// The demo's sample sites, rendered from sample postings in the shapes the real sites use: a Greenhouse
// job-board API response, schema.org JobPosting pages with a sitemap, a GBK 51job list page with
// window.__SEARCH_RESULT__, and a BOSS-style search page whose script fetches joblist.json. Pure: data in,
// text out (the server encodes and serves it).
import type { SamplePosting } from './sample-data.js';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON for a <script> block: "</script>" and friends cannot end it early. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const paragraphs = (text: string): string =>
  text
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');

/** Greenhouse `GET /v1/boards/{board}/jobs?content=true`: every job of the board, content HTML-escaped. */
export function renderGreenhouseJobs(board: string, postings: SamplePosting[]): string {
  const jobs = postings
    .filter((p) => p.source === 'greenhouse' && p.board === board)
    .map((p, i) => ({
      id: 4_000_000 + Number(p.id.replace(/\D/g, '')),
      internal_job_id: 9_000 + i,
      title: p.title,
      absolute_url: `https://boards.sample-ai.example/${board}/jobs/${p.id}`,
      company_name: p.company,
      location: { name: p.remote ? 'Remote' : p.city },
      updated_at: p.postedAt.toISOString(),
      first_published: p.postedAt.toISOString(),
      requisition_id: p.id,
      content: escapeHtml(
        `${paragraphs(p.description)}<ul>${p.skills.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`,
      ),
      departments: [{ id: 1, name: 'Data Operations' }],
      offices: [{ id: 1, name: p.city, location: p.remote ? 'Remote' : p.city }],
      metadata: null,
    }));
  return JSON.stringify({ jobs, meta: { total: jobs.length } });
}

/** A careers page carrying one schema.org JobPosting as JSON-LD. */
export function renderJobPostingPage(p: SamplePosting): string {
  const node = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    identifier: { '@type': 'PropertyValue', name: p.company, value: p.id },
    title: p.title,
    description: paragraphs(p.description),
    datePosted: p.postedAt.toISOString().slice(0, 10),
    validThrough: new Date(p.postedAt.getTime() + 90 * 86_400_000).toISOString().slice(0, 10),
    employmentType: p.employmentType,
    hiringOrganization: { '@type': 'Organization', name: p.company },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        addressLocality: p.cityZh ?? p.city,
        ...(p.district ? { addressRegion: p.district } : {}),
        addressCountry: p.cityZh ? 'CN' : 'US',
      },
    },
    baseSalary: {
      '@type': 'MonetaryAmount',
      currency: p.salary.currency,
      value: {
        '@type': 'QuantitativeValue',
        minValue: p.salary.min,
        maxValue: p.salary.max,
        unitText: p.salary.period.toUpperCase(),
      },
    },
    // A canonical URL on a reserved domain: stable across runs (the server's port changes), and plainly not real.
    url: `https://careers.sample-ai.example/jobs/${p.id}.html`,
  };
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(p.title)} – ${escapeHtml(p.company)}</title>
<script type="application/ld+json">${scriptJson(node)}</script></head>
<body><p class="sample-note">Sample data for the jobtrend demo. 演示样例数据。</p>
<h1>${escapeHtml(p.title)}</h1><p>${escapeHtml(p.company)} · ${escapeHtml(p.cityZh ?? p.city)}</p>${paragraphs(p.description)}</body></html>
`;
}

/** The careers site's sitemap, listing every job page. */
export function renderSitemap(origin: string, postings: SamplePosting[]): string {
  const urls = postings
    .filter((p) => p.source === 'jsonld')
    .map(
      (p) =>
        `  <url><loc>${origin}/careers/jobs/${p.id}.html</loc><lastmod>${p.postedAt.toISOString().slice(0, 10)}</lastmod></url>`,
    );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-03-05 10:11:12" in China time, as 51job writes issuedate. */
function chinaTime(date: Date): string {
  const d = new Date(date.getTime() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A 51job list page (older format): results in `window.__SEARCH_RESULT__`, text to be encoded as GBK. */
export function renderJob51ListPage(
  postings: SamplePosting[],
  page: number,
  totalPages: number,
  areaCode: string,
): string {
  const result = {
    top_ads: [],
    engine_search_result: postings.map((p) => ({
      type: 'engine_search_result',
      jobid: String(130_000_000 + Number(p.id.replace(/\D/g, ''))),
      job_href: `https://jobs.51job.example/sample/${130_000_000 + Number(p.id.replace(/\D/g, ''))}.html?s=sou_sou_soulb&t=0`,
      job_name: p.title,
      job_title: p.title,
      company_name: p.company,
      providesalary_text: p.salaryText,
      workarea: areaCode,
      workarea_text: `${p.cityZh}-${p.district}`,
      updatedate: chinaTime(p.postedAt).slice(5, 10),
      issuedate: chinaTime(p.postedAt),
      jobwelf: '五险一金 周末双休',
      jobwelf_list: ['五险一金', '周末双休'],
      attribute_text: [`${p.cityZh}-${p.district}`, '1-3年经验', '本科', '招2人'],
      companysize_text: '150-500人',
      companyind_text: '计算机软件',
      companytype_text: '民营公司',
    })),
    jobid_count: String(postings.length),
    total_page: String(totalPages),
    curr_page: String(page),
  };
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>人工智能训练师招聘（演示样例数据）-前程无忧</title>
</head>
<body>
<div class="sample-note">jobtrend 演示样例数据，并非真实招聘信息。</div>
<div id="app"></div>
<script type="text/javascript">
window.__SEARCH_RESULT__ = ${scriptJson(result)}
</script>
</body>
</html>
`;
}

/** A BOSS joblist.json response: `{ code: 0, zpData: { jobList, hasMore } }`. */
export function renderBossJobList(postings: SamplePosting[], cityCode: string): string {
  return JSON.stringify({
    code: 0,
    message: 'Success',
    zpData: {
      resCount: postings.length,
      hasMore: false,
      totalCount: postings.length,
      jobList: postings.map((p) => ({
        encryptJobId: `sample${p.id.replace(/\W/g, '')}`,
        securityId: `demo-${p.id}`,
        jobName: p.title,
        salaryDesc: p.salaryText,
        jobLabels: ['1-3年', '本科'],
        skills: p.skills,
        jobExperience: '1-3年',
        jobDegree: '本科',
        cityName: p.cityZh,
        areaDistrict: p.district,
        businessDistrict: '',
        city: Number(cityCode),
        brandName: p.company,
        brandIndustry: '人工智能',
        brandScaleName: '100-499人',
        brandStageName: '',
        welfareList: ['五险一金'],
        bossTitle: 'HR',
      })),
    },
  });
}

/**
 * The BOSS-style search page: no postings in its HTML; its script asks joblist.json for them (as the real
 * page does after computing its token) and draws the cards. Only a real browser sees the list.
 */
export function renderBossSearchPage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>AI训练师招聘（演示样例数据）</title></head>
<body>
<p class="sample-note">jobtrend 演示样例数据，并非真实招聘信息。</p>
<ul id="job-list"><li class="loading">加载中…</li></ul>
<script>
(async () => {
  const params = new URLSearchParams(location.search);
  params.set('pageSize', '30');
  params.set('token', btoa(String(Date.now())));
  const response = await fetch('/wapi/zpgeek/search/joblist.json?' + params.toString(), { headers: { accept: 'application/json' } });
  const data = await response.json();
  const list = document.getElementById('job-list');
  list.innerHTML = '';
  for (const job of data.zpData.jobList) {
    const item = document.createElement('li');
    item.className = 'job-card';
    item.textContent = job.jobName + ' · ' + job.brandName + ' · ' + job.salaryDesc;
    list.appendChild(item);
  }
  document.body.dataset.loaded = 'true';
})();
</script>
</body></html>
`;
}
