// Numbers, dates and periods as Chinese readers expect them: counts in a sentence with 万 from ten thousand
// up ("1.2万条"), differences of shares in 个百分点, dates 2025年3月1日, months 2025年3月, quarters
// 2025年第一季度, ISO weeks 2025年第14周, ranges "…至…", weekdays 星期三. Pure and locale-free (no Intl), so
// the same input gives the same bytes on every machine.
import { formatChange, formatCount, formatRate } from '../format.js';

const QUARTERS = ['一', '二', '三', '四'];
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** A count of postings in a sentence: "856条", "1.2万条", "35万条" (one decimal, dropped when .0). */
export function zhPostings(n: number): string {
  return `${zhNumber(n)}条`;
}

/** A count with 万 from ten thousand up ("1.2万", "120万"), else its digits ("9999"). */
export function zhNumber(n: number): string {
  const rounded = Math.round(n);
  if (Math.abs(rounded) < 10_000) return String(rounded);
  const wan = rounded / 10_000;
  const text = Math.abs(wan) >= 100 ? formatCount(Math.round(wan)) : String(Number(wan.toFixed(1)));
  return `${text}万`;
}

/** A difference of two shares in percentage points: 0.031 → "+3.1个百分点". */
export function zhPoints(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = (Math.abs(value) * 100).toFixed(1);
  if (Number(text) === 0) return '0.0个百分点';
  return `${value < 0 ? '−' : '+'}${text}个百分点`;
}

/** A change in words for a sentence: "上升12.3%", "下降5.0%", "持平（0.0%）". */
export function zhChangeWords(value: number): string {
  const text = formatChange(value);
  if (text.startsWith('+')) return `上升${text.slice(1)}`;
  if (text.startsWith('−')) return `下降${text.slice(1)}`;
  return `持平（${text}）`;
}

/** A rate in a sentence: "日均3.4条". */
export function zhPerDay(value: number | null | undefined): string {
  return `日均${formatRate(value)}条`;
}

/** YYYY-MM-DD → "2025年3月1日"; anything else as it is. */
export function zhDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : day;
}

/** YYYY-MM-DD → its weekday, "星期三" (UTC calendar). */
export function zhWeekday(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? '' : `星期${WEEKDAYS[date.getUTCDay()]}`;
}

/** An ISO time (UTC) to the minute: "2026年11月24日 02:00". */
export function zhTime(iso: string): string {
  return `${zhDay(iso.slice(0, 10))} ${iso.slice(11, 16)}`.trimEnd();
}

/**
 * A period label in words: 2025 → 2025年, 2025-Q1 → 2025年第一季度, 2025-03 → 2025年3月, 2025-W14 → 2025年第14周,
 * a range of days or of months (2025-02..2026-01, a claim's twelve months) → …至….
 */
export function zhPeriod(label: string): string {
  let m = /^(\d{4})$/.exec(label);
  if (m) return `${Number(m[1])}年`;
  m = /^(\d{4})-?Q([1-4])$/i.exec(label);
  if (m) return `${Number(m[1])}年第${QUARTERS[Number(m[2]) - 1]}季度`;
  m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m) return `${Number(m[1])}年${Number(m[2])}月`;
  m = /^(\d{4})-?W(\d{2})$/i.exec(label);
  if (m) return `${Number(m[1])}年第${Number(m[2])}周`;
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(label);
  if (m) return `${zhDay(m[1]!)}至${zhDay(m[2]!)}`;
  m = /^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$/.exec(label);
  if (m) return `${Number(m[1])}年${Number(m[2])}月至${Number(m[3])}年${Number(m[4])}月`;
  return zhDay(label);
}

/**
 * A bucket's label on a chart's time axis: the year is written where it starts or changes ("2025年11月", "12月",
 * "2026年1月"; "2025年第14周", "第15周"; "2025年一季度", "二季度").
 */
export function zhAxisLabel(label: string, previous: string | null): string {
  const year = label.slice(0, 4);
  const showYear = previous === null || previous.slice(0, 4) !== year;
  const prefix = showYear ? `${Number(year)}年` : '';
  let m = /^\d{4}-(\d{2})$/.exec(label);
  if (m) return `${prefix}${Number(m[1])}月`;
  m = /^\d{4}-W(\d{2})$/.exec(label);
  if (m) return `${prefix}第${Number(m[1])}周`;
  m = /^\d{4}-Q([1-4])$/.exec(label);
  if (m) return `${prefix}${QUARTERS[Number(m[1]) - 1]}季度`;
  return zhPeriod(label);
}

/** Chart ticks: "25%"; "1.5万" from ten thousand up; plain digits below (no thousands mark on an axis). */
export function zhTick(value: number, percent: boolean): string {
  if (percent) return `${Number((value * 100).toFixed(1))}%`;
  if (Math.abs(value) >= 10_000) return `${Number((value / 10_000).toFixed(2))}万`;
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(2)));
}
