// Which column of an imported dataset feeds which field of a raw posting. Sensible defaults for the column
// names other scrapers and public datasets use (English and Chinese), overridden by --map flags or a
// mapping file (YAML or JSON). Pure functions except loadMappingFile, which reads the file.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { UsageError, UserError } from '../errors.js';

/** The fields an imported column can feed. */
export const IMPORT_FIELDS = [
  'id',
  'url',
  'title',
  'company',
  'location',
  'city',
  'district',
  'salary',
  'salary_min',
  'salary_max',
  'salary_currency',
  'salary_period',
  'posted_at',
  'observed_at',
  'valid_through',
  'description',
  'employment_type',
  'remote',
  'tags',
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Field → the column that feeds it (absent: no column). */
export type ColumnMapping = Partial<Record<ImportField, string>>;

/** Default column names per field, in order of preference; matched case-insensitively, ignoring spaces, _ and -. */
export const DEFAULT_COLUMN_NAMES: Record<ImportField, string[]> = {
  id: [
    'id',
    'job_id',
    'jobid',
    'posting_id',
    'source_posting_id',
    'positionId',
    'encryptJobId',
    'jobNumber',
    '职位编号',
    '职位id',
    '岗位编号',
  ],
  url: [
    'url',
    'link',
    'job_url',
    'jobUrl',
    'href',
    'positionURL',
    'absolute_url',
    'hostedUrl',
    '链接',
    '职位链接',
    '网址',
  ],
  title: [
    'title',
    'job_title',
    'jobTitle',
    'positionName',
    'position',
    'job_name',
    'jobName',
    'name',
    'text',
    '职位名称',
    '岗位名称',
    '职位',
    '岗位',
    '职位名',
  ],
  company: [
    'company',
    'company_name',
    'companyName',
    'companyFullName',
    'brandName',
    'employer',
    'hiringOrganization',
    '公司名称',
    '公司',
    '企业名称',
    '招聘单位',
    '公司名',
  ],
  location: [
    'location',
    'location_raw',
    'locations',
    'workplace',
    'address',
    'jobLocation',
    'workingPlace',
    '工作地点',
    '工作地址',
    '地点',
    '地区',
  ],
  city: ['city', 'cityName', 'city_name', '城市', '所在城市', '工作城市'],
  district: ['district', 'areaDistrict', 'area', '区域', '区县', '行政区'],
  salary: [
    'salary',
    'salary_raw',
    'salaryDesc',
    'salary_text',
    'pay',
    'compensation',
    'wage',
    'providesalary_text',
    '薪资',
    '薪水',
    '薪酬',
    '工资',
    '月薪',
    '薪资待遇',
  ],
  salary_min: ['salary_min', 'salaryMin', 'min_salary', 'minSalary', '最低薪资', '薪资下限'],
  salary_max: ['salary_max', 'salaryMax', 'max_salary', 'maxSalary', '最高薪资', '薪资上限'],
  salary_currency: ['salary_currency', 'currency', '币种'],
  salary_period: ['salary_period', 'pay_period', 'period', '计薪周期'],
  posted_at: [
    'posted_at',
    'date',
    'posted',
    'posted_date',
    'postedAt',
    'date_posted',
    'datePosted',
    'publish_time',
    'publishTime',
    'pubDate',
    'createdAt',
    'created_at',
    'issuedate',
    'updateDate',
    '发布时间',
    '发布日期',
    '日期',
    '更新时间',
  ],
  /** When the row was collected (a scrape date): the day the source was looked at, not the posting's date. */
  observed_at: [
    'observed_at',
    'scraped_date',
    'scrape_date',
    'scraped_at',
    'scrape_time',
    'scraped_time',
    'crawl_date',
    'crawled_date',
    'crawled_at',
    'crawl_time',
    'collected_at',
    'collected_date',
    'collection_date',
    'collect_time',
    'fetched_at',
    'fetch_date',
    'retrieved_at',
    'downloaded_at',
    '抓取时间',
    '抓取日期',
    '采集时间',
    '采集日期',
    '爬取时间',
    '爬取日期',
    '获取时间',
    '收集时间',
  ],
  valid_through: ['valid_through', 'validThrough', 'expires', 'deadline', '截止日期'],
  description: [
    'description',
    'job_description',
    'jobDescription',
    'desc',
    'content',
    'details',
    'descriptionPlain',
    '职位描述',
    '岗位职责',
    '职位详情',
    '工作内容',
    '岗位描述',
    '任职要求',
  ],
  employment_type: [
    'employment_type',
    'employmentType',
    'job_type',
    'jobType',
    'type',
    'commitment',
    '工作性质',
    '职位类型',
    '工作类型',
  ],
  remote: ['remote', 'is_remote', 'isRemote', '远程'],
  tags: ['tags', 'skills', 'keywords', 'labels', '技能', '标签', '技能要求'],
};

const squash = (name: string): string => name.toLowerCase().replace(/[\s_\-·]/g, '');

function isImportField(name: string): name is ImportField {
  return (IMPORT_FIELDS as readonly string[]).includes(name);
}

/**
 * The mapping for a dataset with these columns: explicit entries first (each must name an existing column),
 * then the defaults for fields not given. A column feeds at most one field by default.
 */
export function resolveMapping(columns: string[], explicit: ColumnMapping = {}): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const [field, column] of Object.entries(explicit) as [ImportField, string][]) {
    if (!columns.includes(column)) {
      const known = columns.slice(0, 30).join(', ');
      throw new UserError(
        `column "${column}" (mapped to ${field}) is not in the data: its columns are ${known || '(none)'}`,
      );
    }
    mapping[field] = column;
    used.add(column);
  }
  const bySquashed = new Map<string, string>();
  for (const column of columns) if (!bySquashed.has(squash(column))) bySquashed.set(squash(column), column);
  for (const field of IMPORT_FIELDS) {
    if (mapping[field] !== undefined) continue;
    for (const name of DEFAULT_COLUMN_NAMES[field]) {
      const column = bySquashed.get(squash(name));
      if (column !== undefined && !used.has(column)) {
        mapping[field] = column;
        used.add(column);
        break;
      }
    }
  }
  return mapping;
}

/** Parses repeated `--map field=column` flags. */
export function parseMapFlags(flags: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const flag of flags) {
    const at = flag.indexOf('=');
    if (at <= 0 || at === flag.length - 1) throw new UsageError(`--map needs field=column, got "${flag}"`);
    const field = flag.slice(0, at).trim();
    if (!isImportField(field)) {
      throw new UsageError(`--map: unknown field "${field}": choose one of ${IMPORT_FIELDS.join(', ')}`);
    }
    mapping[field] = flag.slice(at + 1);
  }
  return mapping;
}

/** Checks a parsed mapping file: an object of field → column name, optionally under a `columns` key. */
export function parseMappingData(data: unknown, label: string): ColumnMapping {
  const object =
    data && typeof data === 'object' && 'columns' in data ? (data as { columns: unknown }).columns : data;
  if (!object || typeof object !== 'object' || Array.isArray(object)) {
    throw new UserError(`mapping file ${label} must be an object of field: column (e.g. title: 职位名称)`);
  }
  const mapping: ColumnMapping = {};
  for (const [field, column] of Object.entries(object)) {
    if (!isImportField(field)) {
      throw new UserError(
        `mapping file ${label}: unknown field "${field}": choose one of ${IMPORT_FIELDS.join(', ')}`,
      );
    }
    if (typeof column !== 'string' || column === '') {
      throw new UserError(`mapping file ${label}: ${field} must be a column name (text)`);
    }
    mapping[field] = column;
  }
  return mapping;
}

/** Reads a YAML or JSON mapping file. */
export function loadMappingFile(path: string): ColumnMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`mapping file ${path} cannot be read: check the path given to --mapping`);
  }
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UserError(`mapping file ${path} does not parse: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseMappingData(data, path);
}
