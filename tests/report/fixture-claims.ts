// Claims checked against the fixture database (fixture-db.ts), one for every verdict and every reason a claim
// cannot be checked: with the database, the constructed claim database the Chinese report is tested on.
import type { Claim } from '../../src/analysis/types.js';

export const FIXTURE_CLAIMS: Claim[] = [
  // supported: AI trainers in Shanghai more than doubled from 2025-10 to 2026-10.
  {
    id: 'shanghai-yoy',
    text: '上海AI训练师需求同比激增超30%',
    role: 'ai-trainer',
    city: '上海',
    period: '2026-10',
    baseline: '2025-10',
    change: '>30%',
  },
  // inconclusive: a month against the month before.
  {
    id: 'shanghai-mom',
    role: 'ai-trainer',
    city: '上海',
    period: '2026-10',
    baseline: '2026-09',
    change: '>30%',
  },
  // contradicted: "fell by more than 20%".
  {
    id: 'shanghai-fall',
    role: 'ai-trainer',
    city: 'Shanghai',
    period: '2026-10',
    baseline: '2025-10',
    change: '<-20%',
  },
  // insufficient data, no posting; and without a name (the statement names it).
  { role: 'ai-trainer', city: 'London', period: '2026-10', baseline: '2025-10', change: '>0%' },
  // the share metric, a fall.
  {
    id: 'annotator-share',
    role: 'data-annotator',
    metric: 'share',
    period: '2026-10',
    baseline: '2025-10',
    change: '<-10%',
  },
  // insufficient data: nobody watched 2024 or 2025-Q1.
  { id: 'before-watching', role: 'ai-trainer', period: '2025-Q1', baseline: '2024-Q1', change: '>=0%' },
  // as a newspaper writes it, with no period: checked under the four standard readings as of its day.
  {
    id: 'shanghai-as-published',
    text: '上海AI训练师需求激增超30%',
    publisher: '示例日报',
    published: '2026-11-02',
    role: 'ai-trainer',
    city: '上海',
    change: '>30%',
  },
  // could not be checked.
  { id: 'bad-role', role: 'ai-wizard', period: '2026-10', baseline: '2025-10', change: '>30%' },
  { id: 'bad-period', role: 'ai-trainer', period: '2026-13', baseline: '2025-10', change: '>30%' },
  { id: 'bad-change', role: 'ai-trainer', period: '2026-10', baseline: '2025-10', change: 'lots' },
];
