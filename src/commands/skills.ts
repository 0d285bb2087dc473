// `jobtrend skills`: the skills matching postings name, their shares, and (with --compare) which rose.
import { Command } from 'commander';
import { skills } from '../analysis/skills.js';
import type { SkillsResult } from '../analysis/types.js';
import type { CliContext } from '../cli/context.js';
import { formatTable } from '../cli/format-table.js';
import { jsonText } from '../cli/print-json.js';
import {
  addFilterOptions,
  type FilterOptions,
  filterFrom,
  percent,
  wholeNumber,
} from './analysis-options.js';
import { withExamples } from './help.js';

interface SkillsOptions extends FilterOptions {
  period?: string;
  compare?: string;
  top?: string;
  minSupport?: string;
}

export function define(context: CliContext): Command {
  const command = addFilterOptions(
    new Command('skills').description(
      'skill counts and shares of matching postings; with --compare, the change in share with a two-proportion test and Benjamini–Hochberg q-values',
    ),
  )
    .option('--period <period>', 'period to count (2025, 2025-Q3, 2025-06 …); default: the last 12 months')
    .option('--compare <period>', 'earlier period to compare with')
    .option('--top <n>', 'how many skills to list (emerging skills are always listed)', '20')
    .option('--min-support <n>', 'postings a skill needs to be called emerging', '10')
    .action((options: SkillsOptions) => {
      const top = wholeNumber('--top', options.top, 1);
      const minSupport = wholeNumber('--min-support', options.minSupport, 0);
      const db = context.openDb({ readonly: true });
      try {
        const result = skills(db, {
          ...filterFrom(options),
          ...(options.period ? { period: options.period } : {}),
          ...(options.compare ? { compare: options.compare } : {}),
          ...(top !== undefined ? { top } : {}),
          ...(minSupport !== undefined ? { minSupport } : {}),
        });
        context.out.write(options.json ? jsonText(result) : renderSkills(result));
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    'jobtrend skills --role ai-trainer --period 2025',
    'jobtrend skills --role data-annotator --period 2025-Q3 --compare 2024-Q3 --top 10',
  );
}

export function renderSkills(result: SkillsResult): string {
  const compare = result.comparePeriod;
  const rows = result.skills.map((s) => ({
    skill: s.nameZh ? `${s.name} (${s.nameZh})` : s.name,
    postings: s.count,
    share: percent(s.share, false),
    ...(compare
      ? {
          [`share_${compare.label}`]: s.compare ? percent(s.compare.share, false) : '—',
          change_pp: s.compare
            ? `${s.compare.difference >= 0 ? '+' : ''}${(s.compare.difference * 100).toFixed(1)}`
            : '—',
          q: s.compare ? (s.compare.qValue < 0.001 ? '<0.001' : s.compare.qValue.toFixed(3)) : '—',
          emerging: s.compare?.emerging ? 'yes' : '',
        }
      : {}),
  }));
  const columns = [
    'skill',
    'postings',
    'share',
    ...(compare ? [`share_${compare.label}`, 'change_pp', 'q', 'emerging'] : []),
  ];
  const lines = [
    `Skills in ${result.postings} postings (${result.filter.description}), ${result.period.label}` +
      (compare ? ` compared with ${result.comparePostings} postings in ${compare.label}` : ''),
    '',
    rows.length > 0 ? formatTable(columns, rows) : 'no skills found in these postings\n',
  ];
  if (compare) lines.push(`Emerging: ${result.emerging.length > 0 ? result.emerging.join(', ') : 'none'}`);
  lines.push(`Method: ${result.method}`, '', 'Caveats:', ...result.caveats.map((c) => `  - ${c.text}`));
  return `${lines.join('\n')}\n`;
}
