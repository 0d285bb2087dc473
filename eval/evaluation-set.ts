// The evaluation set: postings and titles labelled by reading (eval/labels/*.jsonl, see eval/README.md), with
// the text each label was given for. English descriptions are real postings read at run time from
// ../shared/fixtures/real-descriptions-builtin (never copied into the project; absent in a user's clone);
// Chinese postings carry their own text, written for the project from the facts of real pages; titles are
// labelled for their roles only. A fixed part of the set is held out: the classifiers are not tuned on it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { packageRoot } from '../src/paths.js';

/** One labelled item, with its text. */
export interface LabelledItem {
  id: string;
  /** The label file it came from (en-a, zh, titles …). */
  file: string;
  title: string;
  description: string | null;
  roles: string[];
  /** Null for items labelled for their role only (titles). */
  skills: string[] | null;
  heldOut: boolean;
  /**
   * A title whose role its page told the labeller, not its words ("Finance Expert" at an AI lab, to train its
   * model): no reader of the title alone could give it, so it is reported apart, not scored.
   */
  pageOnly: boolean;
}

export interface EvaluationSet {
  items: LabelledItem[];
  /** Items whose text could not be read, and why (one line for the lot). */
  skipped: { count: number; reason: string } | null;
}

interface LabelRecord {
  id?: string;
  title?: string;
  description?: string;
  roles?: unknown;
  skills?: unknown;
  page_only?: unknown;
}

/** Where the labels live in the project. */
export const LABELS_DIR = join(packageRoot(), 'eval', 'labels');
/** Where the real English descriptions live: ../shared beside the project. */
export const DESCRIPTIONS_DIR = join(packageRoot(), '..', 'shared', 'fixtures', 'real-descriptions-builtin');

/** About three in ten items, chosen by a hash of the id so that the choice never moves. */
export function isHeldOut(id: string): boolean {
  const byte = createHash('sha256').update(id).digest()[0] as number;
  return byte < 77;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Reads every label file; English items without their description folder are skipped and counted. */
export function loadEvaluationSet(labelsDir = LABELS_DIR, descriptionsDir = DESCRIPTIONS_DIR): EvaluationSet {
  const items: LabelledItem[] = [];
  let missing = 0;
  const haveDescriptions = existsSync(descriptionsDir);
  for (const name of readdirSync(labelsDir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()) {
    const file = name.replace(/\.jsonl$/, '');
    const lines = readFileSync(join(labelsDir, name), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      let record: LabelRecord;
      try {
        record = JSON.parse(line) as LabelRecord;
      } catch {
        throw new Error(`${name} line ${index + 1}: not JSON`);
      }
      const id = record.id ?? `${file}:${index + 1}`;
      const roles = strings(record.roles);
      const skills = record.skills === undefined ? null : strings(record.skills);
      if (typeof record.title === 'string') {
        items.push({
          id,
          file,
          title: record.title,
          description: typeof record.description === 'string' ? record.description : null,
          roles,
          skills: typeof record.description === 'string' ? skills : null,
          heldOut: isHeldOut(id),
          pageOnly: record.page_only === true,
        });
        return;
      }
      // A label of a real description, read from the shared folder.
      if (!haveDescriptions) {
        missing++;
        return;
      }
      const path = join(descriptionsDir, id);
      if (!existsSync(path)) throw new Error(`${name} line ${index + 1}: no description ${id} in ${descriptionsDir}`);
      const posting = parseYaml(readFileSync(path, 'utf8')) as { title?: unknown; description?: unknown };
      items.push({
        id,
        file,
        title: String(posting.title ?? ''),
        description: typeof posting.description === 'string' ? posting.description : '',
        roles,
        skills,
        heldOut: isHeldOut(id),
        pageOnly: false,
      });
    });
  }
  return {
    items,
    skipped:
      missing > 0
        ? {
            count: missing,
            reason: `${descriptionsDir} is missing (it sits beside the project in a developer's checkout and in CI)`,
          }
        : null,
  };
}
