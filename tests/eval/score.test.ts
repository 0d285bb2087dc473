// The evaluation harness: how it scores, what it refuses, and what it says when the real descriptions are
// not beside the project (a user's clone).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isHeldOut, loadEvaluationSet } from '../../eval/evaluation-set.js';
import { type Judged, missedTargets, score } from '../../eval/score.js';

const judged = (
  id: string,
  labelRoles: string[],
  roles: string[],
  labelSkills: string[],
  skills: string[],
): Judged => ({
  id,
  title: id,
  hasSkills: true,
  labelRoles,
  labelSkills,
  roles,
  skills,
});

describe('score', () => {
  it('counts precision and recall per label, overall, and for the AI-trainer family as one question', () => {
    const s = score([
      judged('a', ['ai-trainer'], ['ai-trainer'], ['python', 'sql'], ['python']),
      judged('b', ['ai-tutor'], ['ai-other'], ['law'], ['law', 'excel']),
      judged('c', [], ['data-annotator'], [], []),
    ]);
    expect(s.skills.overall).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(s.skills.byId.find((t) => t.id === 'sql')).toMatchObject({ labels: 1, recall: 0 });
    expect(s.family).toMatchObject({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      precision: 0.5,
    });
    expect(s.skills.disagreements).toEqual([
      { id: 'a', title: 'a', missed: ['sql'], extra: [] },
      { id: 'b', title: 'b', missed: [], extra: ['excel'] },
    ]);
  });

  it('names each missed target in one line, and none when all are met', () => {
    const good = score([judged('a', ['ai-rater'], ['ai-rater'], ['python'], ['python'])]);
    expect(missedTargets(good)).toEqual([]);
    const bad = score(
      Array.from({ length: 10 }, (_, i) => judged(`x${i}`, ['ai-rater'], [], ['excel'], ['excel', 'law'])),
    );
    const missed = missedTargets(bad);
    expect(missed).toContain('skills precision 0.500 < 0.9');
    expect(missed).toContain('AI-trainer family recall 0.000 < 0.95');
    expect(missed.some((m) => m.startsWith('skill law'))).toBe(false); // no label of law: no precision target
  });
});

describe('loadEvaluationSet', () => {
  it('reads labelled postings with their own text, titles, and says how many it skipped without the descriptions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobtrend-eval-'));
    writeFileSync(
      join(dir, 'zh.jsonl'),
      `${JSON.stringify({ id: 'zh-1', title: 'AI训练师', description: '负责标注', roles: ['ai-trainer'], skills: ['data-labeling'] })}\n`,
    );
    writeFileSync(join(dir, 'titles.jsonl'), `${JSON.stringify({ title: 'Dog Trainer', roles: [] })}\n`);
    writeFileSync(join(dir, 'en.jsonl'), `${JSON.stringify({ id: '1_x.yaml', roles: [], skills: [] })}\n`);
    const set = loadEvaluationSet(dir, join(dir, 'no-such-folder'));
    expect(set.items.map((i) => [i.id, i.skills])).toEqual([
      ['titles:1', null],
      ['zh-1', ['data-labeling']],
    ]);
    expect(set.skipped).toMatchObject({ count: 1 });
    expect(set.skipped?.reason).toContain('no-such-folder is missing');
  });

  it('holds out the same items every time, about three in ten', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `item-${i}`);
    const held = ids.filter(isHeldOut).length;
    expect(held).toBeGreaterThan(250);
    expect(held).toBeLessThan(350);
    expect(ids.filter(isHeldOut)).toEqual(ids.filter(isHeldOut));
  });

  it("the project's own set: at least 200 English descriptions (when present), 100 Chinese postings, and titles", () => {
    const set = loadEvaluationSet();
    const byFile = (file: string) => set.items.filter((i) => i.file === file).length;
    expect(byFile('zh')).toBeGreaterThanOrEqual(100);
    expect(byFile('titles')).toBeGreaterThanOrEqual(200);
    if (!set.skipped) expect(byFile('en-a') + byFile('en-b')).toBeGreaterThanOrEqual(200);
  });
});
