import { describe, expect, it } from 'vitest';
import { findSkillMentions, matchSkills, skillIds, skillTaxonomy } from '../../src/pipeline/skills.js';

describe('skill taxonomy', () => {
  it('has at least 60 bilingual skills with categories', () => {
    expect(skillTaxonomy.length).toBeGreaterThanOrEqual(60);
    expect(new Set(skillIds()).size).toBe(skillIds().length);
    for (const skill of skillTaxonomy) {
      expect(skill.name, skill.id).not.toBe('');
      expect(skill.name_zh, skill.id).not.toBe('');
      expect(skill.category, skill.id).not.toBe('');
    }
  });
});

describe('matchSkills', () => {
  it.each([
    ['熟悉Python和SQL', ['coding', 'python', 'sql']],
    ['熟练使用Excel、Python，有数据标注经验', ['coding', 'data-labeling', 'excel', 'python']],
    ['PYTHON / sql / Label Studio', ['coding', 'label-studio', 'python', 'sql']],
    ['会用ＣＶＡＴ和Ｐｙｔｈｏｎ', ['coding', 'cvat', 'python']],
    [
      '负责图像标注与点云标注的质检工作',
      ['data-labeling', 'image-annotation', 'point-cloud-annotation', 'quality-inspection'],
    ],
    ['参与RLHF与SFT指令数据构建，熟悉大模型', ['llm', 'rlhf', 'sft']],
    ['人类反馈强化学习', ['rlhf']],
    ['Experience with data labeling and annotation tools', ['data-labeling']],
    ['Data labelling, labelled datasets', ['data-labeling']],
    ['strong English, CET-6', ['english']],
    ['英语六级，英语口语流利', ['english']],
    ['prompt engineering and evals for LLMs', ['llm', 'model-evaluation', 'prompt-engineering']],
    ['编写prompt，优化提示词', ['prompt-engineering']],
    ['Writing prompts for the model', ['prompt-engineering']],
    ['负责大模型红队测试', ['llm', 'red-teaming']],
    ['多模态数据标注', ['data-labeling', 'multimodal']],
  ])('%s', (text, expected) => {
    expect(matchSkills(text)).toEqual(expected);
  });

  it('finds the leftmost-longest term in Chinese without word breaks', () => {
    const mentions = findSkillMentions('图像标注');
    expect(mentions).toEqual([{ skill: 'image-annotation', start: 0, end: 4 }]);
  });

  it('English terms need word boundaries', () => {
    expect(matchSkills('javascript')).toEqual(['coding', 'javascript']);
    expect(matchSkills('We sqlite3 nothing; pythonic')).toEqual([]);
    expect(matchSkills('500ml bottles')).toEqual([]);
    expect(matchSkills('Excellent communication')).toEqual(['communication']);
  });
});

describe('matching edges', () => {
  it.each([
    ['Python', [{ skill: 'python', start: 0, end: 6 }]],
    [
      'SQL和Python',
      [
        { skill: 'sql', start: 0, end: 3 },
        { skill: 'python', start: 4, end: 10 },
      ],
    ],
    [
      '岗位职责包括日常沟通协调，熟悉Python',
      [
        { skill: 'communication', start: 8, end: 12 },
        { skill: 'python', start: 15, end: 21 },
      ],
    ],
    [
      '会用ＰＹＴＨＯＮ和ｓｑｌ',
      [
        { skill: 'python', start: 2, end: 8 },
        { skill: 'sql', start: 9, end: 12 },
      ],
    ],
    ['pythonic python', [{ skill: 'python', start: 9, end: 15 }]],
    ['pyth/python', [{ skill: 'python', start: 5, end: 11 }]],
    ['mypython, xsql', []],
    ['ABC数据标注', [{ skill: 'data-labeling', start: 3, end: 7 }]],
    [
      'SQLs and Pythons',
      [
        { skill: 'sql', start: 0, end: 4 },
        { skill: 'python', start: 9, end: 16 },
      ],
    ],
    [
      'Python\u3000SQL',
      [
        { skill: 'python', start: 0, end: 6 },
        { skill: 'sql', start: 7, end: 10 },
      ],
    ],
    ['\ud800Python\udc00', [{ skill: 'python', start: 1, end: 7 }]],
  ])('%s', (text, expected) => {
    expect(findSkillMentions(text)).toEqual(expected);
  });

  it('finds a term at the end of a text longer than any before', () => {
    const text = `${'x'.repeat(70_000)} sql`;
    expect(findSkillMentions(text)).toEqual([{ skill: 'sql', start: 70_001, end: 70_004 }]);
    expect(matchSkills('Python')).toEqual(['coding', 'python']);
  });
});

describe('ambiguous short names', () => {
  it.each([
    ['熟悉R语言', ['coding', 'r']],
    ['R language skills', ['coding', 'r']],
    ['Python or R', ['coding', 'python', 'r']],
    ['Python, R, and SQL', ['coding', 'python', 'r', 'sql']],
    ['熟悉Python、R和SQL', ['coding', 'python', 'r', 'sql']],
    ['Go语言开发', ['coding', 'go']],
    ['Golang backend', ['coding', 'go']],
    ['Go/Python', ['coding', 'go', 'python']],
    ['C/C++', ['c', 'coding', 'cpp']],
    ['C语言基础', ['c', 'coding']],
    ['C++ and C#', ['coding', 'cpp', 'csharp']],
  ])('%s counts', (text, expected) => {
    expect(matchSkills(text)).toEqual(expected);
  });

  it.each([
    ['R&D team'],
    ['a go-getter who likes to go the extra mile'],
    ['Grade C vehicles'],
    ['Plan C'],
    ['AI is everywhere'],
    ['Please be prompt'],
    ['prompt payment of invoices'],
    ['R. Smith'],
    ['Let it go'],
  ])('%s names no skill', (text) => {
    expect(matchSkills(text)).toEqual([]);
  });

  it('Ｒ&Ｄ in full width is still not R', () => {
    expect(matchSkills('Ｒ&Ｄ中心')).toEqual([]);
  });
});

describe('matchSkills speed', () => {
  it('matches a megabyte of posting text in a reasonable time, linear in length', () => {
    const chunk =
      '岗位职责：负责大模型数据标注与质检，熟悉Python和SQL，有RLHF经验者优先。We need strong English and attention to detail. ';
    const text = chunk.repeat(Math.ceil(1_000_000 / chunk.length));
    matchSkills(text); // warm up
    const t0 = performance.now();
    const skills = matchSkills(text);
    const elapsed = performance.now() - t0;
    expect(skills).toContain('rlhf');
    // Generous: the project bench measures throughput properly; this only catches pathological slowness.
    expect(elapsed).toBeLessThan(5000);
  });
});
