// Skills are named where a posting asks for them: not in its benefits, its company blurb or its legal notices,
// and ambiguous words only in a sentence that makes them a skill. Descriptions written for these tests.
import { describe, expect, it } from 'vitest';
import { skillsAskedFor } from '../../src/pipeline/posting-skills.js';
import { findSections } from '../../src/pipeline/sections.js';

const posting = `Senior AI Engineer

Acme is a leading financial services company helping banks and insurers.

About the role
You will build LLM applications in Python and evaluate them.

Requirements
- 3+ years with Python and SQL
- You excel at turning ambiguous problems into plans
- Able to translate business needs into technical designs

Benefits
- Medical, dental and vision insurance
- Education stipend and learning budget

Acme is an equal opportunity employer. All qualified applicants will receive consideration without regard to
race, religion or any other characteristic protected by law.`;

describe('findSections', () => {
  it('reads headings, the opening company blurb and boilerplate paragraphs', () => {
    const kinds = findSections(posting).map((s) => [
      s.kind,
      posting.slice(s.start, s.end).trim().split('\n')[0],
    ]);
    expect(kinds).toEqual([
      ['role', 'Senior AI Engineer'],
      ['company', 'Acme is a leading financial services company helping banks and insurers.'],
      ['role', 'About the role'],
      ['benefits', 'Benefits'],
      [
        'legal',
        'Acme is an equal opportunity employer. All qualified applicants will receive consideration without regard to',
      ],
    ]);
  });

  it('reads Chinese headings written inline', () => {
    const text =
      '岗位职责：负责医疗影像数据标注。任职要求：熟悉Excel。福利待遇：五险一金，补充医疗保险。公司介绍：一家金融科技公司。';
    expect(findSections(text).map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([
      ['role', '岗位职责：负责医疗影像数据标注。任职要求：熟悉Excel。'],
      ['benefits', '福利待遇：五险一金，补充医疗保险。'],
      ['company', '公司介绍：一家金融科技公司。'],
    ]);
  });
});

describe('skillsAskedFor', () => {
  it('names what the job asks for, not the boilerplate around it', () => {
    const skills = skillsAskedFor('Senior AI Engineer', posting);
    expect(skills).toEqual(expect.arrayContaining(['llm', 'python', 'sql', 'model-evaluation']));
    for (const boilerplate of ['finance', 'medicine', 'law', 'education', 'excel', 'translation'])
      expect(skills, boilerplate).not.toContain(boilerplate);
  });

  it.each([
    ['Proficient in Microsoft Excel and SQL', 'excel', true],
    ['Build dashboards in Excel, Tableau and Looker', 'excel', true],
    ['You will excel in a fast-paced team', 'excel', false],
    ['熟练使用Excel和PPT', 'excel', true],
    ['Review legal documents and contracts to train our legal AI', 'law', true],
    ['Comply with applicable law and company policy', 'law', false],
    ['Annotate medical imaging data for radiology models', 'medicine', true],
    ['Medical, dental, vision and 401(k)', 'medicine', false],
    ['Translate product documentation between English and Japanese', 'translation', true],
    ['Translate customer requirements into working software', 'translation', false],
    ['Background in financial services or trading systems', 'finance', true],
    ['Partner with finance and legal teams on vendor contracts', 'finance', false],
    ['Experience building products for the education sector', 'education', true],
    ['Education: BS in Computer Science or equivalent experience', 'education', false],
    ['BS in Computer Science, Mathematics, Physics or a related field', 'mathematics', false],
    ['Strong background in linear algebra and mathematics', 'mathematics', true],
  ])('%s → %s %s', (sentence, skill, named) => {
    expect(skillsAskedFor('Engineer', `Requirements\n- ${sentence}`).includes(skill)).toBe(named);
  });

  it('the domain a job really works in still counts: a medical annotator, a legal AI tutor', () => {
    expect(skillsAskedFor('Medical Data Annotator', '负责标注临床病历。')).toContain('medicine');
    expect(skillsAskedFor('Legal AI Tutor', 'Write and grade answers to legal questions.')).toContain('law');
    expect(skillsAskedFor('医学数据标注员', '任职要求：医学相关专业背景，熟悉医学术语。')).toContain(
      'medicine',
    );
  });

  it('finds multi-word terms across the line breaks of hard-wrapped text', () => {
    expect(
      skillsAskedFor('Engineer', 'Experience with machine\n    learning and fine-\n    tuning LLMs.'),
    ).toEqual(expect.arrayContaining(['fine-tuning', 'llm', 'machine-learning']));
  });
});
