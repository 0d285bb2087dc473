// The Chinese words of the trend report (see report-messages.ts for the contract), for the readers in Shanghai
// the question comes from: written Chinese, not a word-for-word rendering of the English. Caveats, reasons
// and method notes are worded here from analysis' codes and values, so nothing reaches the reader in English
// except proper names, code and units.
import type { Caveat, ExclusionFacts, Unavailable } from '../../analysis/caveat-codes.js';
import type { ClaimReading, ClaimReadingsResult, ReadingId } from '../../analysis/types.js';
import type { ErrorDetail } from '../../errors.js';
import { formatChange, formatCount, formatMoney, formatP, formatPercent, formatRate } from '../format.js';
import type {
  Against,
  ClaimChangeWords,
  Markup,
  Metric,
  ReportMessages,
  SubjectWords,
  VerdictWord,
} from './report-messages.js';
import {
  zhAxisLabel,
  zhChangeWords,
  zhDay,
  zhPerDay,
  zhPeriod,
  zhPoints,
  zhPostings,
  zhTick,
  zhTime,
  zhWeekday,
} from './zh-format.js';
import { zhCity, zhCurrency, zhKind, zhPayUnit, zhRole, zhSkill, zhSource, zhStatus } from './zh-names.js';

const AGAINST: Record<Against, string> = {
  previous: '上一时期',
  'year-earlier': '上年同期',
  'year-before': '上一年',
};

const VERDICTS: Record<VerdictWord, string> = {
  supported: '支持',
  contradicted: '不支持（被否定）',
  inconclusive: '无法判断',
  'insufficient data': '数据不足',
};

const METRICS: Record<Metric, string> = {
  new: '新增岗位',
  share: '占全部岗位的比例',
  active: '在招岗位',
};

/** What a claim's metric measures, as the subject of a sentence. */
const METRIC_SUBJECTS: Record<Metric, string> = {
  new: '每个观察日的新增岗位数',
  share: '在全部岗位中的占比',
  active: '每日在招岗位数',
};

const UNITS = { week: '周', month: '月', quarter: '季度' } as const;

const SEASONS: Record<string, string> = {
  'jin-san-yin-si': '金三银四：三四月是中国大陆招聘最旺的两个月，包含这两个月的时期会比不包含的时期偏高。',
  'jin-jiu-yin-shi': '金九银十：九十月是中国大陆的第二个招聘高峰（十月初的国庆长假期间招聘会暂停）。',
  'north-america-year-end': '美国和加拿大的年末：从感恩节到十二月的节假日，招聘放缓，到一月才重新回升。',
  'north-america-summer': '美国和加拿大的夏季：七八月的招聘通常较慢。',
  'europe-year-end': '欧洲的年末：十二月的节假日期间招聘放缓，一月回升。',
  'europe-summer': '欧洲的夏季：八月尤其是休假月，招聘随之放缓。',
  'india-festivals': '印度的节日季：排灯节（十月或十一月）前后招聘放缓。',
  'india-appraisals': '印度的考评季：年度考评之后的四月到六月是换工作的活跃期。',
};

/** The subject: "上海的人工智能训练师岗位", "全部城市的全部岗位", "上海匹配“RLHF”的全部岗位". */
const sub = (s: SubjectWords) => {
  const where = s.city ?? '全部城市';
  const role = s.role.endsWith('岗位') ? s.role : `${s.role}岗位`;
  return `${where}${s.match !== null ? `匹配“${s.match}”` : ''}的${role}`;
};

const changeInterval = (lower: number, upper: number) => `${formatChange(lower)}至${formatChange(upper)}`;

/** Items of a list in a sentence: "a、b、c" (at most six, then "等"). */
function list(items: string[]): string {
  return items.length > 6 ? `${items.slice(0, 6).join('、')}等${items.length}个` : items.join('、');
}

function filterWords(
  f: { role: string | null; match: string | null; city: string | null; sources: string[] | null },
  m: Markup,
): string {
  const parts: string[] = [];
  if (f.role) parts.push(`岗位类别为${zhRole(f.role) ?? m.text(f.role)}`);
  if (f.match) parts.push(`匹配“${m.text(f.match)}”`);
  if (f.city) parts.push(`城市为${zhCity(f.city) ?? m.text(f.city)}`);
  if (f.sources) parts.push(`数据源为${f.sources.map((s) => source(s, m)).join('、')}`);
  return parts.length > 0 ? parts.join('，') : '全部岗位';
}

/** The claimed change in words: "增长超过30%", "下降至少10%", "下降不到10%（或有所增长）". */
function describeChange(change: ClaimChangeWords): string {
  const size = `${Number((Math.abs(change.threshold) * 100).toFixed(1))}%`;
  const bound = change.inclusive ? '至少' : '超过';
  if (change.direction === 'rise') {
    return change.threshold >= 0 ? `增长${bound}${size}` : `下降不到${size}（或有所增长）`;
  }
  return change.threshold <= 0 ? `下降${bound}${size}` : `增长不到${size}（或有所下降）`;
}

function exclusionWords(x: ExclusionFacts, current: string, baseline: string): string {
  switch (x.watchedIn) {
    case 'neither':
      return `两个时期都没有被观察，${x.postings}条岗位未计入`;
    case 'current':
      return `只在${current}被观察了${x.days}天、列出${x.postings}条岗位，在${baseline}没有被观察`;
    case 'baseline':
      return `只在${baseline}被观察了${x.days}天、列出${x.postings}条岗位，在${current}没有被观察`;
  }
}

/** A source by its Chinese name where it has one, else its id (escaped). */
function source(id: string, m: Markup): string {
  return zhSource(id, (text) => m.text(text)) ?? m.text(id);
}

function caveat(c: Caveat, m: Markup): string {
  const p = zhPeriod;
  switch (c.code) {
    case 'seasonality':
      return `季节因素：${p(c.current)}和${p(c.baseline)}覆盖的是一年中不同的月份，变化中可能有一部分来自季节；与上一年的同一时期相比，结论会更可靠。`;
    case 'no-country':
      return '参与比较的岗位都没有国家信息，因此无法对照任何市场的招聘日历来检查这些月份。';
    case 'spring-festival': {
      const when =
        c.dates.length === 0
          ? ''
          : c.dates.length === 1
            ? `（这两个时期内的春节是${zhDay(c.dates[0]!)}）`
            : `（这两个时期内的春节分别是${c.dates.map(zhDay).join('、')}）`;
      return `春节每年的日期都不同${when}：中国大陆的招聘在春节前后会停顿大约两周，使岗位在一月和二月之间挪动。`;
    }
    case 'season':
      return SEASONS[c.season] ?? m.text(c.text);
    case 'coverage-assumed': {
      const bySource = new Map<string, string[]>();
      for (const { sourceId, from, to } of c.spans)
        bySource.set(sourceId, [...(bySource.get(sourceId) ?? []), `${zhDay(from)}至${zhDay(to)}`]);
      const named = [...bySource]
        .map(([id, ranges]) => `${source(id, m)}（${ranges.join('，')}）`)
        .join('、');
      const imports = [...bySource.keys()].filter((id) => id.startsWith('import:'));
      const advice =
        imports.length > 0
          ? `（请用 ${m.code('--observed FROM..TO')} 或采集日期列重新导入${imports.map((id) => source(id, m)).join('、')}）`
          : '';
      return `覆盖情况为推定：${named}没有采集日期，因此被视为在其岗位所跨的每一天都连续采集；如果实际采集的天数更少，其日均数会偏低${advice}。`;
    }
    case 'source-left-out':
      return `覆盖变化：数据源${source(c.sourceId, m)}没有纳入同源面板，因为它${exclusionWords(c.exclusion, p(c.current), p(c.baseline))}；把它计算在内会把新增的覆盖当成新增的需求。`;
    case 'source-new':
      return `覆盖变化：数据源${source(c.sourceId, m)}在${p(c.current)}被观察（${c.days}天，${c.postings}条岗位），在${p(c.baseline)}却没有：任何上升中都有一部分来自新增的覆盖，而不是新增的需求（去掉 ${m.code('--all-sources')} 即可只比较相同的数据源）。`;
    case 'source-lost':
      return `覆盖变化：数据源${source(c.sourceId, m)}在${p(c.baseline)}被观察（${c.days}天），在${p(c.current)}却没有：任何下降中都有一部分来自覆盖的缺失（去掉 ${m.code('--all-sources')} 即可只比较相同的数据源）。`;
    case 'coverage-gaps':
      return `覆盖缺口：${p(c.period)}的${c.days}天中只有${c.watchedDays}天${c.panel ? '被面板内的每个数据源都观察到' : '被观察到'}；日均数按观察日计算。`;
    case 'overdispersion':
      return `每周数量的波动超出了随机波动的范围（离散度 ${c.dispersion.toFixed(2)}，p ${formatP(c.pValue) === '<0.001' ? '< 0.001' : `= ${formatP(c.pValue)}`}）：区间已相应放宽。`;
    case 'small-counts':
      return `样本较小（较小的时期只有${c.count}条岗位）：区间较宽，再积累几周的数据会使它收窄。`;
    case 'readings-overdispersion': {
      const named = c.readings
        .map((r) => `${READINGS[r.id]}解读（离散度 ${r.dispersion.toFixed(2)}）`)
        .join('、');
      return `每周数量的波动超出了随机波动的范围：${named}，${c.readings.length > 1 ? '这些解读的区间' : '该解读的区间'}已相应放宽。`;
    }
    case 'readings-small-counts': {
      const named = c.readings
        .map((r) => `${READINGS[r.id]}解读（较小的时期只有${r.count}条岗位）`)
        .join('、');
      return `样本较小：${named}，区间较宽，再积累几周的数据会使${c.readings.length > 1 ? '它们' : '它'}收窄。`;
    }
    case 'period-incomplete':
      return `${p(c.period)}尚未结束（不完整）：其日均数只覆盖到目前为止观察到的${c.days}天。`;
    case 'dedup':
      return '每个职位只计一次，以首次出现为准：重复发布的职位和同一职位在多个招聘平台上的信息按去重键合并。';
    case 'not-vacancies':
      return '岗位发布数不等于职位空缺数：一条招聘信息可能对应多个空缺（也可能一个都没有），各平台保留信息的时间也长短不一。';
    case 'no-matches':
      return `在${zhDay(c.from)}至${zhDay(c.to)}的观察日内，没有符合条件（${filterWords(c.filter, m)}）的新增岗位：请检查筛选条件，或先抓取数据。`;
    case 'not-watched':
      return `未被观察：${list(c.labels.map(p))}——在这些时段任何一天之后的岗位有效期内，都没有查看过任何数据源，因此没有日均数（并不是日均为零）。`;
    case 'bucket-gaps':
      return `覆盖缺口：${c.buckets}个${UNITS[c.by]}中有${c.partial.length}个没有每天都被观察到（${list(
        c.partial.map((b) => `${p(b.label)}：${b.watchedDays}/${b.days}天`),
      )}）；这些时段的日均数按观察日计算。`;
    case 'buckets-incomplete':
      return `${list(c.labels.map(p))}尚未结束（不完整）：日均数只覆盖到目前为止观察到的天数，不计入趋势。`;
    case 'sources-change':
      return `覆盖变化：在整个序列中被观察的数据源有所变化，因此日均数里混合了需求的变化和覆盖的变化；环比和同比只比较相同的数据源（与 ${m.code('jobtrend claim')} 一样），占比也是同口径的比较。`;
    case 'trend-too-few-months':
      return `没有趋势线：只有${c.months}个完整且被观察、有岗位的月份，而趋势至少需要${c.needed}个。`;
    case 'trend-unfittable':
      return '没有趋势线：这些月份无法拟合（全部落在同一点上）。';
    case 'trend-left-out':
      return `趋势没有使用${c.months}个月中的${c.left}个：它们未被观察、尚未结束，或者没有岗位（对数线性拟合需要大于零的日均数）。`;
    case 'skills-no-comparison':
      return '无法比较：其中一个时期没有符合条件的岗位。';
    case 'skills-few-postings':
      return `${p(c.period)}只有${c.postings}条符合条件的岗位：占比只是粗略的估计。`;
    case 'skills-by-taxonomy':
      return '技能由分类词表在职位名称和描述中识别：没有写出某项技能的岗位，也可能需要这项技能。';
  }
}

function unavailable(u: Unavailable, m: Markup): string {
  const p = zhPeriod;
  switch (u.code) {
    case 'not-watched':
      return `${p(u.period)}没有被观察：在它任何一天之后的岗位有效期内，都没有查看过任何数据源（抓取运行，或带采集日期的导入）；计算日均数需要观察日。`;
    case 'no-common-source':
      return `没有任何数据源在${p(u.current)}和${p(u.baseline)}都被观察过，因此无法做同口径的比较：请在两个时期内持续观察同一个数据源${u.allSources ? '' : `，或用 ${m.code('--all-sources')} 统计全部数据源`}。`;
    case 'never-watched-together':
      return `参与比较的数据源（${u.sources.map((s) => source(s, m)).join('、')}）在${p(u.period)}从未在同一天都被观察到：请逐个比较（${m.code('--source')}），或使用 ${m.code('--all-sources')}。`;
    case 'no-posting':
      return `${p(u.period)}的${u.days}个观察日内没有符合条件的新增岗位：计算比值需要每个时期至少有一条岗位（更长的时期，或在两个时期都观察更多数据源，就能做到）。`;
    case 'no-open-posting':
      return `参与比较的数据源在${p(u.period)}没有在招岗位：计算比值需要每个时期至少有一条。`;
    case 'no-interval':
      return '根据这些数量无法计算区间。';
  }
}

/** A code in a code span (backticks dropped: a code span cannot hold them). */
const code = (m: Markup, text: string) => m.code(text.replace(/`/g, ''));

/** Why a claim's input was refused, from the error's code; the English text where the code is not known. */
function inputProblem(detail: ErrorDetail | null, reason: string, m: Markup): string {
  const v = detail?.values ?? {};
  const ids = (list: string | undefined) =>
    (list ?? '')
      .split(', ')
      .filter((id) => id.length > 0)
      .map((id) => code(m, id))
      .join('、');
  switch (detail?.code) {
    case 'bad-period':
      return `“${m.text(v.text ?? '')}”不是一个时期：请写成年（${code(m, '2025')}）、季度（${code(m, '2025-Q3')}）、月（${code(m, '2025-06')}）、周（${code(m, '2025-W14')}）、日（${code(m, '2025-06-01')}）、时间段（${code(m, '2025-01-01..2025-06-30')}）或最近若干天、若干月（${code(m, 'last-90-days')}、${code(m, 'last-12-months')}）。`;
    case 'period-backwards':
      return `时期 ${m.text(v.text ?? '')} 的结束早于开始：请先写较早的日期。`;
    case 'unknown-role':
      return `没有“${m.text(v.role ?? '')}”这个岗位类别${v.closest ? `（是不是想写 ${ids(v.closest)}？）` : ''}：请使用 ${ids(v.known)}。`;
    case 'empty-match':
      return `${code(m, '--match')} 需要填写要搜索的文字。`;
    case 'unknown-source':
      return `没有数据源 ${ids(v.sources)}：这个数据库中的数据源是 ${ids(v.known) || '（暂无）'}。`;
    case 'unknown-city':
      return `不认识城市“${m.text(v.city ?? '')}”：请写城市名，例如“上海”。`;
    case 'bad-change':
      return `“${m.text(v.text ?? '')}”不是一个变化幅度：请写成 ${code(m, "'>30%'")}（增长超过30%）或 ${code(m, "'<-10%'")}（下降超过10%）。`;
    case 'change-below-minus-100':
      return `“${m.text(v.text ?? '')}”意味着下降100%或更多，岗位数量无法体现这样的变化：请使用大于 −100% 的值。`;
    case 'unknown-metric':
      return `没有“${m.text(v.metric ?? '')}”这个指标：请使用 ${ids('new, share, active')}。`;
    case 'claim-needs': {
      const field =
        { period: '时期', baseline: '基期', change: '变化幅度' }[v.field ?? ''] ?? m.text(v.field ?? '');
      return `说法缺少${field}。`;
    }
    default:
      return `原因（英文原文）：${reason}`;
  }
}

/** The interval method of a comparison, by its metric. */
function methodWords(metric: Metric): string {
  switch (metric) {
    case 'new':
      return '泊松率之比的精确条件区间（对总数的二项分拆采用 Clopper–Pearson 方法）';
    case 'share':
      return '两个比例之比，采用 Katz 对数区间（符合条件的岗位 / 相同数据源和城市的全部岗位）';
    case 'active':
      return '日均在招存量之比；区间来自不同在招岗位数的精确泊松区间，岗位持续时间视为已知';
  }
}

function overdispersionWords(o: {
  dispersion: number;
  df: number;
  pValue: number;
  widened: boolean;
}): string {
  return o.widened
    ? `拟泊松：对数尺度上的半宽乘以 √φ，φ = ${o.dispersion.toFixed(2)}，由${o.df + 2}个每周数量估计`
    : `每周数量与泊松分布相符（φ = ${o.dispersion.toFixed(2)}，p = ${formatP(o.pValue)}）`;
}

const READINGS: Record<ReadingId, string> = {
  'calendar-year': '自然年',
  'twelve-months': '12个月',
  quarter: '季度',
  month: '月份',
  stated: '按说法所写的时期',
};

/** The claimed threshold as the sentences compare with it: "+30%", "−20%". */
function threshold(change: ClaimChangeWords): string {
  const size = Number((Math.abs(change.threshold) * 100).toFixed(1));
  return `${change.threshold < 0 ? '−' : '+'}${size}%`;
}

/** "2026年10月与2025年10月相比，变化为+51.4%（95% 置信区间为+21.1%至+89.3%）". */
function readingFigures(reading: ClaimReading): string {
  const r = reading.result;
  const periods = `${zhPeriod(r.current.period.label)}与${zhPeriod(r.baseline.period.label)}相比`;
  if (!r.estimate) return `${periods}（无法检验）`;
  const e = r.estimate;
  return `${periods}，变化为${formatChange(e.change)}（95% 置信区间为${changeInterval(e.interval.lower - 1, e.interval.upper - 1)}）`;
}

function figuresOf(readings: ClaimReading[]): string {
  return readings
    .filter((r) => !r.sameAs)
    .map(readingFigures)
    .join('、');
}

/** Why one reading gives its verdict, against the claimed threshold: "整个区间都高于+30%". */
function readingReason(reading: ClaimReading, change: ClaimChangeWords): string {
  const rise = change.direction === 'rise';
  switch (reading.result.verdict) {
    case 'supported':
      return `整个区间都${rise ? '高于' : '低于'}${threshold(change)}`;
    case 'contradicted':
      return `整个区间都${rise ? '低于' : '高于'}${threshold(change)}`;
    case 'inconclusive':
      return `区间包含${threshold(change)}`;
    case 'insufficient data':
      return '无法计算区间';
  }
}

/** The verdict over a claim's readings in a few words. */
function claimHeadline(claim: ClaimReadingsResult): string {
  const o = claim.overall;
  if (o.readings === 1) return VERDICTS[claim.readings[0]!.result.verdict];
  switch (o.verdict) {
    case 'supported':
      return '在每一种解读下都得到支持';
    case 'depends':
      return o.contradicted + o.inconclusive > 0
        ? `${o.readings}种解读中有${o.supported}种支持——取决于所指的时期`
        : `${o.readings}种解读中有${o.supported}种支持，其余无法检验`;
    case 'contradicted':
      return '在每一种解读下都被否定';
    case 'inconclusive':
      return o.contradicted > 0
        ? `无法判断——${o.readings}种解读都不支持，其中${o.contradicted}种否定`
        : o.inconclusive === o.readings
          ? '在每一种解读下都无法判断'
          : `无法判断——${o.readings}种解读都不支持`;
    case 'insufficient data':
      return VERDICTS['insufficient data'];
  }
}

/** The sentence a journalist can quote: what the postings say about the claim, with the figures and why. */
function quotableSentence(claim: ClaimReadingsResult, subject: string): string {
  const about = `“${subject}”这一说法`;
  const by = (verdict: string) => claim.readings.filter((r) => r.result.verdict === verdict);
  if (claim.readings.length === 1) {
    const reading = claim.readings[0]!;
    const verb = {
      supported: '支持',
      contradicted: '否定了',
      inconclusive: '既不能证实、也不能否定',
      'insufficient data': '无法检验',
    }[reading.result.verdict];
    const why = reading.result.estimate ? `，${readingReason(reading, claim.change)}` : '';
    return `jobtrend 的岗位数据${verb}${about}：${readingFigures(reading)}${why}。`;
  }
  switch (claim.overall.verdict) {
    case 'supported':
      return `无论该说法的时期按哪一种解读，jobtrend 的岗位数据都支持${about}：${figuresOf(by('supported'))}，每个区间都${claim.change.direction === 'rise' ? '高于' : '低于'}${threshold(claim.change)}。`;
    case 'contradicted':
      return `无论该说法的时期按哪一种解读，jobtrend 的岗位数据都否定了${about}：${figuresOf(by('contradicted'))}。`;
    case 'depends': {
      const notSupported = claim.readings.filter(
        (r) => r.result.verdict === 'contradicted' || r.result.verdict === 'inconclusive',
      );
      return notSupported.length > 0
        ? `按${figuresOf(by('supported'))}来理解时，jobtrend 的岗位数据支持${about}；按${figuresOf(notSupported)}来理解时则不支持：该说法是否成立，取决于所指的时期。`
        : `按${figuresOf(by('supported'))}来理解时，jobtrend 的岗位数据支持${about}；其余解读无法检验。`;
    }
    case 'inconclusive':
      return `无论该说法的时期按哪一种解读，jobtrend 的岗位数据都不支持${about}：${figuresOf(claim.readings)}。`;
    case 'insufficient data':
      return `无论该说法的时期按哪一种解读，jobtrend 的岗位数据都无法检验${about}。`;
  }
}

export const zh: ReportMessages = {
  lang: 'zh',
  htmlLang: 'zh-CN',
  fileSuffix: '-zh',
  format: {
    count: formatCount,
    postings: zhPostings,
    percent: (x) => formatPercent(x),
    change: (x) => formatChange(x),
    points: zhPoints,
    rate: formatRate,
    money: formatMoney,
    p: formatP,
    changeInterval,
    period: zhPeriod,
    day: zhDay,
    time: zhTime,
    axisLabel: zhAxisLabel,
  },
  names: {
    role: zhRole,
    allRoles: '全部',
    city: zhCity,
    source: zhSource,
    skill: zhSkill,
    kind: zhKind,
    status: zhStatus,
    payUnit: zhPayUnit,
    currency: zhCurrency,
    metric: (metric) => METRICS[metric],
    verdict: (verdict) => VERDICTS[verdict],
  },
  chart: {
    fontStack: "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
    svgLang: 'zh-CN',
    noData: '无数据',
    thisPeriod: '本期',
    previousPeriod: '上一时期',
    boxLegend: '箱体：25%至75%分位数 · 粗线：中位数 · 须线：10%至90%分位数',
    tick: zhTick,
    lineDescription: (series, axis, first, last) => `${series}，按${axis}，${first}至${last}`,
    barDescription: (axis, items) => `${axis}：${items.map((i) => `${i.label} ${i.value}`).join('，')}`,
    boxDescription: (axis, groups) =>
      `${axis}：${groups.map((g) => `${g.label}中位数${g.median}（${g.n}条）`).join('，')}`,
    boxCount: (n) => `${n}条`,
    band: '95%置信区间',
    trendBand: '趋势的95%置信区间',
    barWhiskers: '须线：95%置信区间',
    shareCount: (share, count) => `${share}（${count}条）`,
  },
  caveat,
  unavailable,

  title: (s, period) => `招聘趋势报告：${sub(s)}，${period}`,
  sample: {
    // The full stop and colon stay outside the emphasis: `**样例数据。**本` would not close in CommonMark.
    notice: ({ postings, other }, m) =>
      other === 0
        ? `${m.strong('样例数据')}。本报告中的岗位全部由 ${m.code('jobtrend demo')} 编造：虚构的公司发布的虚构岗位，由 jobtrend 自己在 127.0.0.1 上提供，与真实的招聘市场无关。`
        : `${m.strong('样例数据')}。本数据库中有${zhPostings(postings)}岗位由 ${m.code('jobtrend demo')} 编造（虚构的公司发布的虚构岗位），在下文中与另外${zhPostings(other)}岗位一起计算：下文的数字不能可靠地反映真实的招聘市场。`,
    skipped: ({ source, fix }, m) =>
      `${m.strong('已跳过')}：${m.code(source)} 来源需要用真实的 Chromium 浏览器读取，但本机没有找到 Chromium，因此没有读取它的样例，本报告缺少它的岗位。请用 ${m.code(fix)} 安装后重新运行演示。`,
  },
  generated: ({ day, period: pw, defaultPeriod }, m) =>
    `本报告由 jobtrend 于${zhDay(day)}（${zhWeekday(day)}）生成。报告期为${pw.label}，即${pw.start}至${pw.end}，共${pw.days}天` +
    (defaultPeriod ? `（默认为上一个完整的自然月，可用 ${m.code('--period')} 另选时期）` : '') +
    '。',

  noData: {
    heading: '尚无数据',
    text: (m) =>
      `数据库中还没有任何岗位，因此无可报告。请先运行 ${m.code('jobtrend scrape')}（或让定时任务运行一段时间），再重新生成报告。`,
  },
  noMatches: {
    heading: '本期没有符合条件的岗位',
    text: ({ subject: s, period, allPostings, database }, m) =>
      `没有任何去重后的${sub(s)}的有效日期落在${period}（该时期各类岗位共${zhPostings(allPostings)}）。` +
      (database
        ? `数据库中共有${zhPostings(database.postings)}去重后的岗位，日期从${database.first}到${database.last}。`
        : '') +
      `请另选 ${m.code('--period')}、${m.code('--role')} 或 ${m.code('--city')}，或查看下面的覆盖情况。`,
  },

  headline: {
    heading: '结论',
    // The colon stays outside the emphasis: "**…：**以" would not close in CommonMark (punctuation before,
    // a letter after), and the reader would see the asterisks.
    incomplete: (period, m) =>
      `${m.strong(`${period}尚未结束（不完整）`)}：以下数字只覆盖到目前为止观察到的天数，不能作为结论；请在该时期结束后重新生成报告。`,
    sentence: ({ period, postings, subject: s, share, clauses }, m) =>
      `${period}，${sub(s)}新增${m.strong(zhPostings(postings))}（jobtrend 统计，已去重）` +
      (share ? `，占该时期全部${zhPostings(share.all)}岗位的${formatPercent(share.share)}` : '') +
      (clauses.length > 0 ? `；${clauses.join('；')}。` : '。'),
    clause: ({ against, baseline, direction, change, lower, upper }) =>
      `与${AGAINST[against]}（${baseline}）相比，日均新增岗位` +
      (direction === 'unclear'
        ? `没有明显变化（${formatChange(change)}，95% 置信区间为${changeInterval(lower, upper)}）`
        : `${zhChangeWords(change)}（95% 置信区间为${changeInterval(lower, upper)}）`),
    columns: ['增长', '基期', '基期岗位数', '本期', '日均变化', '95% 置信区间', '参与比较的数据源'],
    against: (against) => `与${AGAINST[against]}相比`,
    baseline: (pw) => `${pw.label}（${pw.start}至${pw.end}）`,
    side: (count, days, rate) => `${formatCount(count)}条，${days}天（${zhPerDay(rate)}）`,
    notWatched: '未被观察',
    noReason: '数据不足',
    sources: (panel, included) =>
      panel === 'same-source' ? `同源面板：${included.join('、') || '无'}` : '全部数据源',
    error: (message, detail, m) => `无法比较：${inputProblem(detail, message, m)}`,
    notes: ({ metrics, widened }) =>
      (metrics.length > 0
        ? `区间：${metrics.map(methodWords).join('；')}${widened ? '；每周数量过度离散时按拟泊松方法放宽' : ''}。`
        : '') +
      '增长比较的是每个观察日的岗位数，只统计两个时期都被观察的数据源，因此表中的数量可能小于上文的总数。',
    overdispersion: (o) => overdispersionWords(o),
  },

  trend: {
    heading: '趋势',
    noSeries: '该主题没有可用的时间序列。',
    seriesError: (message, detail, m) => `无法生成时间序列：${inputProblem(detail, message, m)}`,
    unit: (by) => UNITS[by],
    newAlt: (by) => `每个观察日的新增岗位数（按${UNITS[by]}）`,
    newTitle: (by, s) => `每个观察日的新增岗位数（按${UNITS[by]}）：${sub(s)}`,
    newSeries: '每个观察日的新增岗位（已去重；* 尚未结束；断开处：未被观察）',
    trendSeries: (growth) => `对数线性趋势（每月${formatChange(growth)}）`,
    newAxis: '每个观察日的新增岗位数',
    shareNotCharted: (m) => `只有报告针对单一岗位类别时（${m.code('--role')}），才绘制其在全部岗位中的占比。`,
    shareAlt: '在全部岗位中的占比',
    shareTitle: (s) => `在全部岗位中的占比：${sub(s)}`,
    shareSeries: '符合条件的岗位 / 相同数据源的全部岗位',
    shareAxis: '在全部岗位中的占比（%）',
    line: (t, _method, m) =>
      `在${t.months}个月里，对数线性趋势为${m.strong(`每月${formatChange(t.monthlyGrowth)}`)}` +
      `（95% 置信区间为${changeInterval(t.lower, t.upper)}；R² ${t.rSquared.toFixed(2)}；` +
      `方法：对每个观察日新增岗位数的对数按月份做普通最小二乘回归，使用${t.months}个完整且被观察、有岗位的月份，` +
      `置信区间来自自由度为${t.months - 2}的 t 分布）。`,
    noTrend: '没有趋势线：完整且被观察的月份太少。',
    shareNote:
      '占比是符合条件的岗位除以相同数据源、相同城市的全部岗位，可以抵消抓取的招聘平台数量变化带来的影响。',
  },

  skills: {
    heading: '技能',
    none: '本期符合条件的岗位中没有识别出任何技能。',
    alt: '按岗位占比排列的热门技能',
    chartTitle: (s, period) => `热门技能：${sub(s)}，${period}`,
    chartAxis: (postings) => `在${formatCount(postings)}条符合条件的岗位中提到该技能的比例（%）`,
    columns: (compare) => [
      '技能',
      '岗位数',
      '占比',
      `${compare ?? '上一时期'}占比`,
      '变化',
      'q 值（BH 校正）',
      '显著性',
    ],
    notSignificant: '不显著',
    emergingHeading: '新兴技能',
    emergingColumns: ['技能', '岗位数', '占比', '变化', 'q 值（BH 校正）'],
    shareChange: (before, after) => `${before} → ${after}`,
    noEmerging: '与比较时期相比，没有任何技能显著上升（q < 0.05 且岗位数足够）。',
    note: ({ compared, tested, minSupport }) =>
      '占比 = 提到该技能的岗位数 / 本期符合条件的岗位数。变化以百分点计；' +
      'q 值是双比例检验的 p 值经 Benjamini–Hochberg 多重比较校正后的结果（*** 表示 < 0.001，** 表示 < 0.01，* 表示 < 0.05）。' +
      (compared
        ? `方法：计算提到每项技能的岗位占比；变化用双比例 z 检验（合并方差），在${tested ?? 0}项技能中做 Benjamini–Hochberg 校正得到 q 值；新兴技能指 q < 0.05 且至少有${minSupport}条岗位提到的上升。`
        : '方法：计算提到每项技能的岗位占比。'),
  },

  companies: {
    heading: '招聘最多的公司',
    none: '符合条件的岗位中没有公司名称。',
    columns: ['#', '公司', '岗位数', '占比'],
  },

  places: {
    heading: '城市与区县',
    cityColumns: ['城市', '岗位数', '占比'],
    districtColumns: ['城市', '区县', '岗位数'],
    unknownCity: () => '未知',
    noDistricts: '符合条件的岗位没有记录区县。',
  },

  pay: {
    heading: '薪酬',
    tooFew: '写明薪酬的岗位太少，无法汇总。',
    implausible: (n) =>
      `有${n}条岗位写明的薪酬不可能是真实薪酬（例如“1-1元/年”或每月3元）：按原样保留，但不计入以下数字。`,
    chartAlt: (unit) => `各岗位类别的薪酬范围（${unit}）`,
    chartTitle: (unit, period) => `各岗位类别的薪酬范围（${unit}）：${period}`,
    chartAxis: (unit) => `薪酬（${unit}，取所标薪酬范围的中点）`,
    columns: ['岗位类别', '城市', '写明薪酬的岗位数', '25%分位数', '中位数', '75%分位数'],
    allCities: '全部城市',
    inferred: ({ count, unit, currency }) =>
      `币种为推断：以${unit}计薪的岗位中有${count}条没有写明币种；${currency}是其所在国家的货币。`,
    note:
      '每个数字都是所标薪酬范围的中点，按岗位写明的币种和计薪周期计算；时薪、日薪、月薪和年薪之间不做换算，币种之间也不做换算。' +
      '计件工资单独列出。月薪不含额外的月份（如13薪）。分位数采用最近秩法；不足3条岗位的组不列出。',
  },

  claims: {
    heading: '说法核查',
    intro:
      '每个说法都用 jobtrend 统计到的岗位来检验，只使用在两个比较时期都被观察的数据源。没有写明时期的说法，按每一种常见的解读分别检验——' +
      '说法发布日之前最近一个完整的自然年、最近12个完整的月份、最近一个完整的季度和最近一个完整的月份，各自与上一年的同一时段相比；' +
      '这些解读都在读取任何数量之前就已确定，总的结论说明各种解读是否一致。整个95% 置信区间都落在所说的变化幅度之外时，该解读支持这一说法；' +
      '整个区间都达不到时，该解读否定这一说法。p 值（Holm 校正）是该说法的单侧 p 值，已针对检验多种解读做了校正。',
    summaryColumns: ['说法', '结论'],
    readingsColumns: [
      '解读',
      '时期',
      '基期',
      '岗位数（基期 → 本期）',
      '观察天数（基期 / 本期）',
      '变化',
      '95% 置信区间',
      '结论',
      'p 值（Holm 校正）',
    ],
    statement: ({ metric, filter, change }, m) =>
      `${METRIC_SUBJECTS[metric]}（${filterWords(filter, m)}）${describeChange(change)}`,
    headline: claimHeadline,
    quotable: quotableSentence,
    verdictLine: (headline, quotable, m) => `${m.strong(headline)}。${quotable}`,
    readingName: (id) => READINGS[id],
    sameAs: (reading, earlier) => `${reading}（与${earlier}的时期相同）`,
    origin: (parts) => `——${parts.join('，')}`,
    counts: (baseline, current) => `${formatCount(baseline)} → ${formatCount(current)}`,
    notWatched: '未被观察',
    tested: (statement, asOf) => `检验内容：${statement}${asOf ? `（截至${zhDay(asOf)}）` : ''}。`,
    mostData: ({ reading, current, baseline, postings }) =>
      `数据最多的解读：${reading}（${current}与${baseline}相比，共${formatCount(postings)}条岗位）。`,
    notChecked: (reading, why) => `未能检验（不计为支持）：${reading}——${why}`,
    method: ({ metric }) => `方法：${methodWords(metric)}。`,
    widened: (readings) =>
      `因每周数量过度离散而放宽了区间：${readings.map((r) => `${r.reading}（${overdispersionWords(r.overdispersion)}）`).join('；')}。`,
    sources: ({ panel, included, excluded, current, baseline }) =>
      `数据源：${panel === 'same-source' ? '同源面板' : '全部数据源'}（${included.join('、') || '无'}）` +
      (excluded.length > 0
        ? `；未纳入：${excluded.map((x) => `${x.sourceId}（${exclusionWords(x, current, baseline)}）`).join('、')}`
        : '') +
      '。',
    caveat: (text) => `注意：${text}`,
    error: (claim, reason, detail, m) => `${claim}：无法检验。${inputProblem(detail, reason, m)}`,
  },

  coverage: {
    heading: '覆盖情况',
    noSources: '还没有抓取或导入过任何数据源。',
    columns: (days) => [
      '数据源',
      '类型',
      '岗位有效期（天）',
      `观察天数（共${days}天）`,
      '本期运行次数',
      '成功',
      '部分成功',
      '失败',
      '中断',
      '本期新增岗位',
      '存量岗位',
      '最近一次运行（UTC）',
    ],
    source: (id, name) => (name !== null ? `${name}（${id}）` : id),
    watched: (days, assumed) => `${days}${assumed ? '（推定）' : ''}`,
    note:
      '如果 jobtrend 在某一天之后的岗位有效期内查看过某个数据源（一次抓取运行，或导入数据集的采集日期），这一天就算作该数据源的观察日；' +
      '“推定”表示导入的数据集没有采集日期，被视为其岗位所跨各天的连续记录。岗位不带日期的数据源，从首次查看的次日起才算被观察。' +
      '存量岗位：数据源首次被观察时就已列出的岗位；它们计入在招岗位，但从不计为新增。',
    dated: (first, last) => `数据库中岗位的日期从${first}到${last}。`,
    problemsHeading: '本期失败、被拦截或中断的运行',
    problemColumns: ['运行编号', '数据源', '开始时间（UTC）', '状态', '错误数', '摘要（运行日志原文）'],
    more: (n, m) => `……另有${n}次（见 ${m.code('jobtrend status')}）。`,
    noProblems: '本期没有失败、被拦截或中断的运行。',
    healthHeading: (m) => `被 ${m.code('jobtrend health')} 标记的数据源`,
    health: (sources) =>
      `${sources.join('、')}：最近几次运行不再提供以前运行所提供的内容，因此${sources.length === 1 ? '它' : '它们'}的数字变化可能来自网站的改动，而不是市场的变化。`,
    flag: (flag, m) => {
      const since = `自第${flag.first_run_id}次运行（${zhDay(flag.first_run_at.slice(0, 10))}）起`;
      const runs = flag.runs_since > 1 ? `，共${flag.runs_since}次运行` : '';
      const id = source(flag.source_id, m);
      switch (flag.kind) {
        case 'field_drop':
          return `${id}：${since}${runs}，字段 ${m.code(flag.field ?? '')} 在岗位中所占的比例从${Math.round(flag.before * 100)}%降到了${Math.round(flag.after * 100)}%。`;
        case 'empty_run':
          return `${id}：${since}${runs}，没有存储任何岗位；此前的运行通常存储${flag.before}条。`;
        case 'blocked_runs':
          return `${id}：${since}，连续${flag.runs_since}次运行被网站拦截（验证页面或登录墙）。`;
      }
    },
  },

  method: {
    heading: '方法说明',
    subject: (f, m) => filterWords(f, m),
    items: (subject, short) => [
      [
        '统计对象：',
        'jobtrend 收集的新增招聘岗位，每个职位只计一次：重复发布的职位和同一职位在多个招聘平台上的信息，只在首次出现时计数（去重后的岗位）。' +
          '岗位按有效日期计数：数据源写明发布日期的用发布日期，否则用首次看到的日期。数据源首次被观察时已经列出的岗位（存量）从不计为新增。',
      ],
      [
        '观察日：',
        '如果在某一天之后的岗位有效期内（默认30天，可配置）查看过某个数据源，这一天就算作观察日，因此日均数是每个观察日的新增岗位数；没有被观察的时期没有日均数。',
      ],
      ['主题：', `${subject}；岗位类别来自中英双语分类词表，与职位名称和描述进行匹配。`],
      ...(short
        ? []
        : ([
            [
              '增长：',
              '本期每个观察日的岗位数与基期之比，只使用两个时期都被观察的数据源（同源面板），这样中途新增或失效的招聘平台不会被当成需求的变化。' +
                '其95% 置信区间来自泊松率之比的精确条件（二项）方法；当每周数量的波动超出泊松分布所允许的范围时，区间会按拟泊松方法放宽，并在适用处注明。',
            ],
            [
              '趋势：',
              '对完整且被观察的月份（至少六个）的月度日均数做对数线性回归；每月增长为 exp(斜率) − 1。尚未结束的月份会被标出并排除在外。',
            ],
            [
              '技能：',
              '提到每项技能的岗位占比；变化用双比例 z 检验，并对同时检验多项技能做多重比较校正（Benjamini–Hochberg）。',
            ],
            ['薪酬：', '在同一币种、同一计薪周期内计算中位数和四分位数；从不混合，也不换算。'],
          ] as [string, string][])),
      [
        '已知局限：',
        '岗位发布数不等于职位空缺数（一条招聘信息可能招很多人，也可能一个都不招，有些在招满后仍然挂着）；' +
          '招聘有季节性（春节、三四月的金三银四、年末），所以在把上升解读为趋势之前，应先与上一年的同一月份比较；' +
          '覆盖情况会变化，见上面的覆盖情况表；隐藏较早岗位的招聘平台会让最近的时期显得岗位更多。',
      ],
    ],
  },
};
