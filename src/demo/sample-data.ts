// The demo's sample postings: invented, bilingual AI-trainer / annotator / rater / tutor / prompt-engineer
// jobs at invented companies, generated deterministically from a seed and dated over the years before
// `now` (three by default), rising (and dipping at Spring Festival) so the report has a trend to show. Pure.
// Nothing here describes a real company or a real job.
import { seededRandom } from '../seeded-random.js';

export type SampleSource = 'greenhouse' | 'jsonld' | '51job' | 'boss' | 'dataset';

export interface SamplePosting {
  /** Stable within its source. */
  id: string;
  source: SampleSource;
  /** Greenhouse board token, for greenhouse postings. */
  board?: string;
  title: string;
  company: string;
  /** Canonical English city name (the project's convention), or "Remote". */
  city: string;
  /** The city as a Chinese board writes it ("上海"), for Chinese sources. */
  cityZh?: string;
  district?: string;
  remote: boolean;
  /** Pay as the source would show it ("8-12K·13薪", "1-1.5万/月", "$30–$45/hr"). */
  salaryText: string;
  salary: { min: number; max: number; currency: string; period: 'hour' | 'day' | 'month' | 'year' };
  description: string;
  skills: string[];
  postedAt: Date;
  employmentType: 'FULL_TIME' | 'PART_TIME' | 'CONTRACTOR';
}

interface City {
  en: string;
  zh: string;
  districts: string[];
}

const CHINESE_CITIES: City[] = [
  { en: 'Shanghai', zh: '上海', districts: ['浦东新区', '徐汇区', '闵行区', '杨浦区'] },
  { en: 'Beijing', zh: '北京', districts: ['海淀区', '朝阳区', '昌平区'] },
  { en: 'Hangzhou', zh: '杭州', districts: ['西湖区', '余杭区', '滨江区'] },
  { en: 'Shenzhen', zh: '深圳', districts: ['南山区', '福田区', '宝安区'] },
  { en: 'Chengdu', zh: '成都', districts: ['高新区', '武侯区'] },
];
/** How much of the Chinese demand each city gets (Shanghai grows fastest, so the headline has a story). */
const CITY_WEIGHTS = [0.34, 0.26, 0.16, 0.15, 0.09];

const WESTERN_CITIES = ['San Francisco', 'New York', 'London', 'Remote'];

interface RoleTemplate {
  zh: string[];
  en: string[];
  skillsZh: string[];
  skillsEn: string[];
  /** Monthly pay range in CNY thousands, low and high ends. */
  cny: [number, number];
  /** Hourly USD. */
  usd: [number, number];
}

const ROLES: Record<string, RoleTemplate> = {
  'ai-trainer': {
    zh: ['人工智能训练师', 'AI训练师', '大模型训练师', '对话训练师'],
    en: ['AI Trainer', 'Generative AI Trainer', 'AI Model Trainer', 'AI Training Specialist'],
    skillsZh: ['数据标注', '大模型', 'Python', '质检', '多模态', 'Excel'],
    skillsEn: ['LLM', 'Python', 'data annotation', 'RLHF', 'writing'],
    cny: [7, 16],
    usd: [25, 55],
  },
  'data-annotator': {
    zh: ['数据标注员', '数据标注专员', '语料标注员', '图像标注员', '数据标注质检员'],
    en: ['Data Annotator', 'Data Labeling Specialist', 'AI Data Annotator'],
    skillsZh: ['数据标注', '质检', 'Excel', '标注工具', '语音标注'],
    skillsEn: ['data annotation', 'Label Studio', 'quality assurance'],
    cny: [5, 9],
    usd: [18, 28],
  },
  'ai-rater': {
    zh: ['模型评测专员', '大模型评测工程师', 'RLHF标注师', '搜索质量评估员'],
    en: ['RLHF Rater', 'LLM Evaluator', 'Model Evaluation Specialist', 'Search Quality Rater'],
    skillsZh: ['RLHF', '大模型', '模型评测', 'Python', '英语'],
    skillsEn: ['RLHF', 'LLM', 'evaluation', 'SQL'],
    cny: [9, 18],
    usd: [28, 50],
  },
  'ai-tutor': {
    zh: ['AI导师', 'AI写作导师', 'AI解题导师'],
    en: ['AI Tutor', 'AI Writing Tutor', 'Expert AI Tutor'],
    skillsZh: ['数学', '写作', '大模型'],
    skillsEn: ['mathematics', 'writing', 'LLM'],
    cny: [10, 20],
    usd: [35, 70],
  },
  'prompt-engineer': {
    zh: ['提示词工程师', 'Prompt工程师', '大模型应用提示词工程师'],
    en: ['Prompt Engineer', 'Prompt Engineer, LLM Applications'],
    skillsZh: ['Prompt', '大模型', 'Python', 'LangChain'],
    skillsEn: ['prompt engineering', 'Python', 'LLM', 'LangChain'],
    cny: [15, 30],
    usd: [60, 110],
  },
};
const ROLE_WEIGHTS: [string, number][] = [
  ['ai-trainer', 0.36],
  ['data-annotator', 0.28],
  ['ai-rater', 0.16],
  ['ai-tutor', 0.08],
  ['prompt-engineer', 0.12],
];

/** Invented company names, plainly fictitious (示例 = example, 样例 = sample, 演示 = demo, 虚构 = fictional). */
export const COMPANIES_ZH = ['示例', '样例', '演示', '虚构'].flatMap((lead) =>
  ['星河', '云帆', '智谷', '蓝鲸', '千言', '知行', '数渊', '灵犀', '天工', '青藤', '北辰', '墨语'].flatMap(
    (name) =>
      ['智能科技有限公司', '数据服务有限公司', '人工智能研究院'].map((form) => `${lead}${name}${form}`),
  ),
);
const COMPANIES_EN = ['Example', 'Sample', 'Demo', 'Placeholder', 'Fictional'].flatMap((lead) =>
  ['AI Lab', 'Data Co', 'Models Inc.', 'Tutors Ltd', 'Annotation Works', 'Evals'].map(
    (rest) => `${lead} ${rest}`,
  ),
);
/**
 * What a job is about, written into its title as boards do ("AI训练师（医疗方向）", "AI Trainer (Japanese)").
 * Different directions are different jobs to the dedup rule, so the sample does not collapse into a few.
 */
export const DIRECTIONS_ZH = [
  '通用',
  '医疗方向',
  '金融方向',
  '法律方向',
  '教育方向',
  '电商方向',
  '自动驾驶',
  '多模态',
  '代码方向',
  '英语',
  '日语',
  '客服对话',
];
const DIRECTIONS_EN = [
  'Chinese',
  'Japanese',
  'Spanish',
  'French',
  'German',
  'Korean',
  'Mathematics',
  'Physics',
  'Coding',
  'Law',
  'Medicine',
  'Finance',
];
/** Greenhouse boards and the company each belongs to (a board is one employer's). */
const GREENHOUSE_BOARDS: Record<string, string> = {
  'example-ai-lab': 'Example AI Lab',
  'sample-data-co': 'Sample Data Co',
};

/**
 * Per source: postings in the oldest month, monthly growth factor, and whether Chinese pages carry it. The
 * bases are large enough that the README's claim (AI trainers in Shanghai, last year against the year
 * before) has a few dozen postings on each side even at the end of a year, when the earlier year is the
 * window's first and thinnest: it gets a verdict, not "insufficient data".
 */
const SOURCE_PLAN: { source: SampleSource; base: number; growth: number; chinese: boolean }[] = [
  { source: 'greenhouse', base: 1.5, growth: 1.05, chinese: false },
  { source: 'jsonld', base: 0.8, growth: 1.05, chinese: true },
  { source: '51job', base: 9, growth: 1.06, chinese: true },
  { source: 'dataset', base: 7.5, growth: 1.05, chinese: true },
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function weighted<T>(random: () => number, items: [T, number][]): T {
  let r = random() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, weight] of items) {
    r -= weight;
    if (r <= 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Seasonality of Chinese hiring: the Spring Festival month dips, 金三银四 (March–April) peaks. */
function seasonal(month: number): number {
  return month === 1 ? 0.55 : month === 2 || month === 3 ? 1.25 : month === 11 ? 0.85 : 1;
}

/** A Poisson draw (Knuth), fine for the small means used here. */
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

export interface SampleOptions {
  now: Date;
  seed?: number;
  /** Months of history before `now` (default 36: the README's 2025-vs-2024 claim has both years). */
  months?: number;
}

/** Every sample posting, oldest first within each source. */
export function generateSamplePostings(options: SampleOptions): SamplePosting[] {
  const random = seededRandom(options.seed ?? 20_241_126);
  const months = options.months ?? 36;
  const now = options.now;
  const postings: SamplePosting[] = [];
  for (const plan of SOURCE_PLAN) {
    let serial = 0;
    for (let m = months - 1; m >= 0; m--) {
      const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1);
      const monthEnd = Math.min(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m + 1, 1),
        now.getTime() - 3_600_000,
      );
      if (monthEnd <= monthStart) continue;
      const age = months - 1 - m;
      const calendarMonth = new Date(monthStart).getUTCMonth();
      const share = (monthEnd - monthStart) / (31 * 86_400_000);
      const mean = plan.base * plan.growth ** age * (plan.chinese ? seasonal(calendarMonth) : 1) * share;
      const count = poisson(random, mean);
      for (let i = 0; i < count; i++) {
        const postedAt = new Date(monthStart + Math.floor(random() * (monthEnd - monthStart)));
        postings.push(makePosting(random, plan.source, plan.chinese, postedAt, ++serial, age / months));
      }
    }
  }
  // BOSS lists carry no dates: its postings are the ones open now, dated by the scrape itself.
  for (let i = 1; i <= 24; i++) {
    postings.push(
      makePosting(
        random,
        'boss',
        true,
        new Date(now.getTime() - Math.floor(random() * 20) * 86_400_000),
        i,
        1,
      ),
    );
  }
  return postings;
}

function makePosting(
  random: () => number,
  source: SampleSource,
  chinese: boolean,
  postedAt: Date,
  serial: number,
  recency: number,
): SamplePosting {
  const roleId = weighted(random, ROLE_WEIGHTS);
  const role = ROLES[roleId]!;
  // Shanghai's share rises over the years: the sample's "surge in Shanghai".
  const weights = CITY_WEIGHTS.map((w, i) => (i === 0 ? w * (0.7 + 0.8 * recency) : w));
  const city = chinese
    ? weighted(
        random,
        CHINESE_CITIES.map((c, i) => [c, weights[i]!] as [City, number]),
      )
    : undefined;
  const western = chinese ? undefined : pick(random, WESTERN_CITIES);
  const title = chinese
    ? `${pick(random, role.zh)}（${pick(random, DIRECTIONS_ZH)}）`
    : `${pick(random, role.en)} (${pick(random, DIRECTIONS_EN)})`;
  const skills = [
    ...new Set([
      pick(random, chinese ? role.skillsZh : role.skillsEn),
      pick(random, chinese ? role.skillsZh : role.skillsEn),
    ]),
  ];
  const board = source === 'greenhouse' ? pick(random, Object.keys(GREENHOUSE_BOARDS)) : undefined;
  const company = board
    ? GREENHOUSE_BOARDS[board]!
    : chinese
      ? pick(random, COMPANIES_ZH)
      : pick(random, COMPANIES_EN);
  const partTime = random() < 0.15;
  let salaryText: string;
  let salary: SamplePosting['salary'];
  if (chinese) {
    const low = Math.round(role.cny[0] + random() * (role.cny[1] - role.cny[0]) * 0.6);
    const high = low + 2 + Math.floor(random() * 6);
    const months13 = random() < 0.3;
    salary = { min: low * 1000, max: high * 1000, currency: 'CNY', period: 'month' };
    salaryText =
      source === '51job' ? `${wan(low)}-${wan(high)}万/月` : `${low}-${high}K${months13 ? '·13薪' : ''}`;
  } else {
    const low = Math.round(role.usd[0] + random() * (role.usd[1] - role.usd[0]) * 0.6);
    const high = low + 5 + Math.floor(random() * 20);
    salary = { min: low, max: high, currency: 'USD', period: 'hour' };
    salaryText = `$${low}–$${high}/hr`;
  }
  const description = chinese
    ? [
        `岗位职责：`,
        `1. 参与大模型训练数据的生产、标注与质检，保证数据质量；`,
        `2. 根据业务需求编写与优化对话语料，参与模型效果评测；`,
        `任职要求：`,
        `熟悉${skills.join('、')}，细心、有耐心；本科及以上学历优先。`,
        `（本岗位为 jobtrend 演示用的虚构样例数据。）`,
      ].join('\n')
    : [
        `About the role: you will help train and evaluate large language models by writing, rating and correcting model responses.`,
        `You bring: experience with ${skills.join(', ')}; excellent written communication.`,
        `Pay: ${salaryText}. ${partTime ? 'Part-time, flexible hours.' : 'Full-time.'}`,
        `(This posting is invented sample data for the jobtrend demo.)`,
      ].join('\n');
  const remote = western === 'Remote';
  return {
    id: `${source}-${String(serial).padStart(4, '0')}`,
    source,
    ...(board ? { board } : {}),
    title,
    company,
    city: city?.en ?? western!,
    ...(city ? { cityZh: city.zh, district: pick(random, city.districts) } : {}),
    remote,
    salaryText,
    salary,
    description,
    skills,
    postedAt,
    employmentType: partTime
      ? 'PART_TIME'
      : source === 'greenhouse' && random() < 0.3
        ? 'CONTRACTOR'
        : 'FULL_TIME',
  };
}

/** 12 (thousand) → "1.2" (万). */
function wan(thousands: number): string {
  return String(thousands / 10);
}

/** The sample Chinese cities (for the demo's config) and the Greenhouse boards. */
export const SAMPLE_CITIES = CHINESE_CITIES.map((c) => c.en);
export const SAMPLE_BOARDS = Object.keys(GREENHOUSE_BOARDS);
