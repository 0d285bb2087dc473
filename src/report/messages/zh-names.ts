// Names in Chinese for the report: roles and skills from the bilingual taxonomy, cities from the project's
// place data (every mainland city has its Chinese name there) plus the usual Chinese names of the world's
// job-market cities, the sources by the names Chinese readers know them by (智联招聘, BOSS直聘), source kinds,
// run statuses, currencies and pay periods. Company names are never translated: they are shown as posted.
import cities from '../../taxonomy/cities.json' with { type: 'json' };
import roles from '../../taxonomy/roles.json' with { type: 'json' };
import skills from '../../taxonomy/skills.json' with { type: 'json' };

const ROLES = new Map(
  (roles.roles as { id: string; name_zh?: string }[]).flatMap((r) =>
    r.name_zh ? [[r.id, r.name_zh]] : [],
  ) as [string, string][],
);

const SKILLS = new Map(
  (skills.skills as { id: string; name_zh?: string }[]).flatMap((s) =>
    s.name_zh ? [[s.id, s.name_zh]] : [],
  ) as [string, string][],
);

/** Cities outside the project's Chinese place data that job postings name often, by their usual Chinese name. */
const WORLD_CITIES: Record<string, string> = {
  'San Francisco': '旧金山',
  'New York': '纽约',
  'Los Angeles': '洛杉矶',
  Seattle: '西雅图',
  Boston: '波士顿',
  Austin: '奥斯汀',
  Chicago: '芝加哥',
  Washington: '华盛顿',
  Toronto: '多伦多',
  Vancouver: '温哥华',
  Montreal: '蒙特利尔',
  London: '伦敦',
  Dublin: '都柏林',
  Paris: '巴黎',
  Berlin: '柏林',
  Munich: '慕尼黑',
  Amsterdam: '阿姆斯特丹',
  Zurich: '苏黎世',
  Singapore: '新加坡',
  Tokyo: '东京',
  Seoul: '首尔',
  Sydney: '悉尼',
  Melbourne: '墨尔本',
  Bengaluru: '班加罗尔',
  Bangalore: '班加罗尔',
  Mumbai: '孟买',
  'New Delhi': '新德里',
  Delhi: '德里',
  Hyderabad: '海得拉巴',
  Remote: '远程',
};

const CITIES = new Map<string, string>([
  ...(cities.cities as { name: string; zh?: string }[]).flatMap((c) =>
    c.zh ? [[c.name, c.zh] as [string, string]] : [],
  ),
  ...Object.entries(WORLD_CITIES),
]);

/** The sources by the names Chinese readers know them by. */
const SOURCES: Record<string, string> = {
  zhaopin: '智联招聘',
  boss: 'BOSS直聘',
  '51job': '前程无忧',
  liepin: '猎聘',
  linkedin: '领英',
  greenhouse: 'Greenhouse 招聘页',
  lever: 'Lever 招聘页',
  ashby: 'Ashby 招聘页',
  hn: 'Hacker News 每月招聘帖',
  remoteok: 'Remote OK 远程职位',
  jsonld: '网页中的 schema.org 职位数据',
  site: '自定义网站',
};

const KINDS: Record<string, string> = {
  api: '接口',
  html: '网页',
  browser: '浏览器',
  import: '导入',
};

const STATUSES: Record<string, string> = {
  ok: '成功',
  partial: '部分成功',
  failed: '失败',
  interrupted: '中断',
  running: '进行中',
};

const CURRENCIES: Record<string, string> = {
  CNY: '元',
  USD: '美元',
  EUR: '欧元',
  GBP: '英镑',
  JPY: '日元',
  HKD: '港元',
  TWD: '新台币',
  SGD: '新加坡元',
  AUD: '澳元',
  CAD: '加元',
  CHF: '瑞士法郎',
  INR: '印度卢比',
  KRW: '韩元',
};

/** Currencies by their full name, for a sentence ("人民币是其所在国家的货币"). */
const CURRENCY_NAMES: Record<string, string> = { ...CURRENCIES, CNY: '人民币' };

const PAY_PERIODS: Record<string, string> = {
  hour: '小时',
  day: '天',
  week: '周',
  month: '月',
  year: '年',
  piece: '条（计件）',
};

export function zhRole(id: string): string | null {
  return ROLES.get(id) ?? null;
}

export function zhCity(name: string): string | null {
  return CITIES.get(name) ?? null;
}

/** A source's Chinese name; an imported dataset is "导入的数据集 NAME" (the name escaped with `esc`). */
export function zhSource(id: string, esc: (text: string) => string): string | null {
  if (id.startsWith('import:')) return `导入的数据集“${esc(id.slice('import:'.length))}”`;
  return SOURCES[id] ?? null;
}

/** A skill's Chinese label: the stored Chinese name, else the taxonomy's, else its stored name. */
export function zhSkill(skill: { skillId: string; name: string; nameZh: string | null }): string {
  return skill.nameZh ?? SKILLS.get(skill.skillId) ?? skill.name;
}

export function zhKind(kind: string): string {
  return KINDS[kind] ?? kind;
}

export function zhStatus(status: string): string {
  return STATUSES[status] ?? status;
}

/** A pay unit as Chinese postings write it: "元/月", "美元/小时", "元/条（计件）". */
export function zhPayUnit(currency: string, period: string): string {
  return `${CURRENCIES[currency] ?? currency}/${PAY_PERIODS[period] ?? period}`;
}

export function zhCurrency(code: string): string {
  return CURRENCY_NAMES[code] ?? code;
}
