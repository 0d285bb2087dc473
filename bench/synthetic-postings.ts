// Seeded synthetic postings for benchmarks: realistic bilingual titles, companies, cities, pay and
// descriptions across several years and sources, with a built-in rising trend for AI-trainer work.
// Deterministic for a seed, so two runs of the bench measure the same data.
import { createHash } from 'node:crypto';
import type { NormalisedPosting } from '../src/domain/posting.js';
import { seededRandom } from '../src/seeded-random.js';

interface Template {
  title: string;
  role: string;
  skills: string[];
  lang: 'zh' | 'en';
}

const TEMPLATES: Template[] = [
  {
    title: 'AI训练师',
    role: 'ai-trainer',
    skills: ['data-labeling', 'llm', 'quality-assurance'],
    lang: 'zh',
  },
  {
    title: '人工智能训练师（大模型方向）',
    role: 'ai-trainer',
    skills: ['llm', 'sft', 'prompt-engineering'],
    lang: 'zh',
  },
  { title: '对话训练师', role: 'ai-trainer', skills: ['dialogue', 'llm', 'writing'], lang: 'zh' },
  {
    title: '大模型数据标注员',
    role: 'data-annotator',
    skills: ['data-labeling', 'text-annotation', 'excel'],
    lang: 'zh',
  },
  {
    title: '图像标注员（兼职）',
    role: 'data-annotator',
    skills: ['image-annotation', 'data-labeling'],
    lang: 'zh',
  },
  {
    title: '语音数据标注',
    role: 'data-annotator',
    skills: ['audio-annotation', 'data-labeling'],
    lang: 'zh',
  },
  {
    title: '点云标注员',
    role: 'data-annotator',
    skills: ['point-cloud-annotation', 'data-labeling'],
    lang: 'zh',
  },
  { title: '模型评测工程师', role: 'ai-rater', skills: ['model-evaluation', 'python', 'llm'], lang: 'zh' },
  { title: 'AI评测专员', role: 'ai-rater', skills: ['model-evaluation', 'rlhf', 'english'], lang: 'zh' },
  {
    title: '提示词工程师',
    role: 'prompt-engineer',
    skills: ['prompt-engineering', 'llm', 'python'],
    lang: 'zh',
  },
  { title: 'AI Trainer (Chinese)', role: 'ai-trainer', skills: ['rlhf', 'writing', 'chinese'], lang: 'en' },
  {
    title: 'RLHF Rater - English',
    role: 'ai-rater',
    skills: ['rlhf', 'english', 'model-evaluation'],
    lang: 'en',
  },
  {
    title: 'Data Annotation Specialist',
    role: 'data-annotator',
    skills: ['data-labeling', 'label-studio', 'quality-assurance'],
    lang: 'en',
  },
  {
    title: 'AI Tutor - Mathematics',
    role: 'ai-tutor',
    skills: ['mathematics', 'writing', 'rlhf'],
    lang: 'en',
  },
  {
    title: 'Prompt Engineer',
    role: 'prompt-engineer',
    skills: ['prompt-engineering', 'python', 'llm'],
    lang: 'en',
  },
  { title: 'Machine Learning Engineer', role: 'ai-other', skills: ['python', 'pytorch', 'llm'], lang: 'en' },
  { title: '算法工程师', role: 'ai-other', skills: ['python', 'pytorch', 'sql'], lang: 'zh' },
];

const ZH_COMPANIES = [
  '上海智语科技有限公司',
  '北京数标信息技术有限公司',
  '杭州云图智能科技有限公司',
  '深圳星河数据服务有限公司',
  '成都蓝鲸标注科技有限公司',
  '广州知行人工智能有限公司',
  '南京慧眼数据科技有限公司',
  '苏州千言智能科技有限公司',
];
const EN_COMPANIES = [
  'Scale AI',
  'Outlier',
  'Turing',
  'Invisible Technologies',
  'Anthropic',
  'Cohere',
  'Surge AI',
  'Mercor',
];
const ZH_CITIES: [string, string, string[]][] = [
  ['Shanghai', '上海', ['浦东新区', '徐汇区', '闵行区', '杨浦区', '静安区']],
  ['Beijing', '北京', ['海淀区', '朝阳区', '昌平区']],
  ['Hangzhou', '杭州', ['西湖区', '余杭区', '滨江区']],
  ['Shenzhen', '深圳', ['南山区', '福田区', '宝安区']],
  ['Chengdu', '成都', ['高新区', '武侯区']],
  ['Guangzhou', '广州', ['天河区', '海珠区']],
];
const EN_CITIES: [string, string, string][] = [
  ['San Francisco', 'CA', 'US'],
  ['New York', 'NY', 'US'],
  ['London', 'England', 'GB'],
  ['Austin', 'TX', 'US'],
];
const SOURCES_ZH = ['zhaopin', 'boss', '51job', 'liepin'];
const SOURCES_EN = ['greenhouse', 'lever', 'ashby', 'linkedin'];

const ZH_SENTENCES = [
  '负责大模型对话数据的标注、清洗与质检，保证数据质量。',
  '参与RLHF人类反馈数据的撰写与排序，熟悉Python和SQL者优先。',
  '根据标注规范完成文本、图像、语音数据标注任务。',
  '协助算法团队完成模型评测，输出评测报告。',
  '熟练使用Excel，有Label Studio或CVAT使用经验优先。',
  '本科及以上学历，英语六级，逻辑清晰，责任心强。',
  '负责提示词（Prompt）设计与优化，提升模型回答质量。',
  '五险一金，带薪年假，弹性工作，节日福利。',
];
const EN_SENTENCES = [
  'You will write and rank model responses to improve large language models through RLHF.',
  'Label images, text and audio following detailed guidelines; quality assurance is part of the job.',
  'Evaluate model outputs for accuracy, safety and helpfulness, and write clear rationales.',
  'Experience with Python, SQL or Label Studio is a plus. Excellent written English required.',
  'Design and iterate on prompts; red teaming experience welcome.',
  'This is a remote, flexible contract role paid hourly.',
  'We offer competitive pay, health insurance and a generous vacation policy.',
];

export interface SyntheticOptions {
  count: number;
  seed?: number;
  /** First and last effective dates (inclusive). */
  from?: string;
  to?: string;
  /** Extra text per description, to reach a realistic length (sentences). */
  sentences?: number;
}

/** Yields `count` normalised postings. Demand for AI-trainer work rises over time (about +40% a year). */
export function* syntheticPostings(options: SyntheticOptions): Generator<NormalisedPosting> {
  const random = seededRandom(options.seed ?? 42);
  const from = Date.parse(`${options.from ?? '2022-01-01'}T00:00:00Z`);
  const to = Date.parse(`${options.to ?? '2026-10-31'}T00:00:00Z`);
  const span = to - from;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  for (let i = 0; i < options.count; i++) {
    const template = pick(TEMPLATES);
    // Later dates are more likely for AI-trainer work: u^0.7 skews towards the end of the span.
    const u = template.role === 'ai-other' ? random() : random() ** 0.7;
    const time = from + Math.floor((u * span) / 86_400_000) * 86_400_000;
    const date = new Date(time).toISOString().slice(0, 10);
    const zh = template.lang === 'zh';
    const source = zh ? pick(SOURCES_ZH) : pick(SOURCES_EN);
    const company = zh ? pick(ZH_COMPANIES) : pick(EN_COMPANIES);
    let city: string;
    let district: string | null = null;
    let locationRaw: string;
    let country: string;
    let region: string;
    if (zh) {
      const [en, cn, districts] = pick(ZH_CITIES);
      district = pick(districts);
      city = en;
      region = en;
      country = 'CN';
      locationRaw = `${cn}·${district}`;
    } else {
      const [en, state, c] = pick(EN_CITIES);
      city = en;
      region = state;
      country = c;
      locationRaw = `${en}, ${state}`;
    }
    const sentences = zh ? ZH_SENTENCES : EN_SENTENCES;
    const parts: string[] = [];
    for (let s = 0; s < (options.sentences ?? 6); s++) parts.push(pick(sentences));
    const description = parts.join(zh ? '' : ' ');
    const low = zh ? 5000 + Math.floor(random() * 20) * 500 : 20 + Math.floor(random() * 40);
    const high = zh ? low + 2000 + Math.floor(random() * 10) * 500 : low + 10 + Math.floor(random() * 30);
    const id = `${source}-${i}`;
    // One posting in twenty is the same job cross-posted on another board.
    const dedupKey = i % 20 === 1 ? `dup-${i - 1}` : `dup-${i}`;
    const posting: NormalisedPosting = {
      source_id: source,
      source_posting_id: id,
      url: `https://jobs.example.test/${source}/${i}`,
      title: template.title,
      company,
      company_norm: company
        .replace(/有限公司|科技|Inc\.?|Ltd\.?/g, '')
        .trim()
        .toLowerCase(),
      location_raw: locationRaw,
      city,
      district,
      region,
      country,
      remote: !zh && random() < 0.5,
      employment_type: random() < 0.2 ? 'part-time' : 'full-time',
      salary_min: low,
      salary_max: high,
      salary_currency: zh ? 'CNY' : country === 'GB' ? 'GBP' : 'USD',
      salary_period: zh ? 'month' : 'hour',
      salary_months: zh && random() < 0.3 ? 13 : null,
      salary_negotiable: false,
      salary_raw: zh ? `${low / 1000}-${high / 1000}K` : `$${low}-$${high}/hr`,
      description,
      posted_at: date,
      posted_at_precision: 'day',
      valid_through: null,
      dedup_key: dedupKey,
      content_hash: '',
      raw_json: JSON.stringify({ id, title: template.title }),
      roles: [template.role],
      skills: template.skills,
    };
    posting.content_hash = createHash('sha1')
      .update(`${id}|${template.title}|${date}|${low}|${high}`)
      .digest('hex');
    yield posting;
  }
}

/** Descriptions only (for the matching benchmark). */
export function syntheticDescriptions(count: number, seed = 7): string[] {
  const out: string[] = [];
  for (const posting of syntheticPostings({ count, seed, sentences: 8 }))
    out.push(`${posting.title}\n${posting.description}`);
  return out;
}
