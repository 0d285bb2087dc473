import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyRoles, roleIds, roleTaxonomy } from '../../src/pipeline/roles.js';

interface Labelled {
  title: string;
  description?: string;
  roles: string[];
}

const labelled = (
  JSON.parse(readFileSync(new URL('../fixtures/pipeline/labelled-titles.json', import.meta.url), 'utf8')) as {
    titles: Labelled[];
  }
).titles;

const THRESHOLD = 0.95;

describe('role taxonomy', () => {
  it('has the shared role ids', () => {
    expect(roleIds()).toEqual([
      'ai-trainer',
      'data-annotator',
      'ai-rater',
      'ai-tutor',
      'prompt-engineer',
      'ai-other',
    ]);
    for (const role of roleTaxonomy) {
      expect(role.name).not.toBe('');
      expect(role.name_zh).not.toBe('');
    }
  });
});

describe('classifyRoles on the labelled titles', () => {
  it('the labelled set is large enough, bilingual, and has hard negatives', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(200);
    expect(labelled.filter((l) => /[\u4e00-\u9fff]/.test(l.title)).length).toBeGreaterThan(60);
    expect(labelled.filter((l) => /^[\x20-\x7e]+$/.test(l.title)).length).toBeGreaterThan(60);
    expect(labelled.filter((l) => l.roles.length === 0).length).toBeGreaterThan(40);
  });

  it(`precision and recall are at least ${THRESHOLD} for every role and overall`, () => {
    const stats = new Map(roleIds().map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
    const mistakes: string[] = [];
    for (const item of labelled) {
      const predicted = classifyRoles(item.title, item.description);
      for (const id of roleIds()) {
        const s = stats.get(id) as { tp: number; fp: number; fn: number };
        const want = item.roles.includes(id);
        const got = predicted.includes(id);
        if (want && got) s.tp++;
        else if (got) s.fp++;
        else if (want) s.fn++;
      }
      if ([...predicted].sort().join() !== [...item.roles].sort().join()) {
        mistakes.push(`${item.title}: expected [${item.roles}] got [${predicted}]`);
      }
    }
    const total = { tp: 0, fp: 0, fn: 0 };
    const report: string[] = [];
    const failures: string[] = [];
    for (const [id, s] of stats) {
      total.tp += s.tp;
      total.fp += s.fp;
      total.fn += s.fn;
      const precision = s.tp / Math.max(1, s.tp + s.fp);
      const recall = s.tp / Math.max(1, s.tp + s.fn);
      report.push(
        `${id}: precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
      );
      if (s.tp === 0 || precision < THRESHOLD || recall < THRESHOLD) failures.push(id);
    }
    const precision = total.tp / Math.max(1, total.tp + total.fp);
    const recall = total.tp / Math.max(1, total.tp + total.fn);
    report.push(`overall: precision ${precision.toFixed(3)} recall ${recall.toFixed(3)}`);
    console.info(`${report.join('\n')}\nmisclassified:\n${mistakes.join('\n')}`);
    expect(failures, report.join('\n')).toEqual([]);
    expect(precision).toBeGreaterThanOrEqual(THRESHOLD);
    expect(recall).toBeGreaterThanOrEqual(THRESHOLD);
  });
});

describe('classifyRoles rules', () => {
  it.each([
    ['宠物训练师'],
    ['健身训练师'],
    ['游泳教练'],
    ['Personal Trainer'],
    ['Dog Trainer'],
    ['Sales Trainer'],
    ['Corporate Trainer'],
    ['数据分析师'],
  ])('%s is not an AI role, even with AI in the description', (title) => {
    expect(
      classifyRoles(title, 'We use AI tools and large language models to train AI models every day.'),
    ).toEqual([]);
  });

  it('an ambiguous title needs AI-training context in the description', () => {
    expect(classifyRoles('训练师')).toEqual([]);
    expect(classifyRoles('训练师', '负责训练AI大模型，编写对话语料')).toEqual(['ai-trainer']);
    expect(classifyRoles('Evaluator', 'Evaluate AI model responses.')).toEqual(['ai-rater']);
    expect(classifyRoles('Evaluator', 'Evaluate social programmes for NGOs.')).toEqual([]);
  });

  it('an ambiguous title that also names AI still depends on its description', () => {
    expect(classifyRoles('ML Trainer', 'Run workshops that teach staff to use ML tools.')).toEqual([
      'ai-other',
    ]);
    expect(classifyRoles('ML Trainer', 'Help train AI models by ranking responses.')).toEqual(['ai-trainer']);
  });

  it('a title seen before classifies the same with a different description', () => {
    expect(classifyRoles('训练师', '负责宠物行为训练')).toEqual([]);
    expect(classifyRoles('训练师', '负责训练AI大模型')).toEqual(['ai-trainer']);
    expect(classifyRoles('训练师', '负责宠物行为训练')).toEqual([]);
  });

  it('a clear title does not need a description, and a description cannot add a role to it', () => {
    expect(classifyRoles('AI训练师')).toEqual(['ai-trainer']);
    expect(classifyRoles('Java开发工程师', '参与大模型训练数据平台开发, RLHF')).toEqual([]);
  });

  it('the catch-all applies only when no specific role does', () => {
    expect(classifyRoles('AI产品经理')).toEqual(['ai-other']);
    expect(classifyRoles('AI Trainer')).toEqual(['ai-trainer']);
  });

  it('a security red team is not model red-teaming', () => {
    expect(classifyRoles('Red Team Operator')).toEqual([]);
    expect(classifyRoles('LLM Red Teaming Specialist')).toEqual(['ai-rater']);
  });

  it('full-width and mixed-case titles classify like plain ones', () => {
    expect(classifyRoles('ＡＩ训练师')).toEqual(['ai-trainer']);
    expect(classifyRoles('PROMPT ENGINEER')).toEqual(['prompt-engineer']);
  });

  it('coding and domain experts hired to train AI are AI tutors, by their title or their description', () => {
    expect(classifyRoles('Statistics Specialist - Freelance AI Trainer Project')).toEqual(['ai-tutor']);
    expect(classifyRoles('Legal Expert - AI Trainer')).toEqual(['ai-tutor']);
    expect(classifyRoles('AI Generalist - Freelance AI Trainer Project')).toEqual(['ai-trainer']);
    const opening =
      'Software Engineer — Code Evaluation & Training\n\nHelp train large language models to write code: rank, repair and explain AI-generated code.';
    expect(classifyRoles('Software Engineer, Python', opening)).toEqual(['ai-tutor']);
    // Engineers who build the models or their infrastructure are not.
    expect(classifyRoles('Machine Learning Engineer', opening)).toEqual(['ai-other']);
    expect(classifyRoles('Software Engineer, Python', 'Build our payments backend.')).toEqual([]);
  });

  it('human-data specialists and AI training-data engineers are in the family', () => {
    expect(classifyRoles('Human Data Specialist')).toEqual(['data-annotator']);
    expect(classifyRoles('AI Training Data Engineer')).toEqual(['data-annotator']);
    expect(classifyRoles('Human Data Research Engineer')).not.toContain('data-annotator');
  });

  it('labelling physical goods is not data annotation', () => {
    expect(classifyRoles('Labeler')).toEqual([]);
    expect(classifyRoles('Packaging Labeler')).toEqual([]);
    expect(classifyRoles('Warehouse Labeling Associate')).toEqual([]);
    expect(classifyRoles('贴标员')).toEqual([]);
    expect(classifyRoles('Labeler', 'Label images and text for machine learning models.')).toEqual([
      'data-annotator',
    ]);
    expect(classifyRoles('Data Labeler')).toEqual(['data-annotator']);
  });
});
